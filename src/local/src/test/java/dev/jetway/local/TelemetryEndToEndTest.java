package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.provider.ProviderCommand;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.eventstore.ObservedEventStore;
import dev.jetway.core.json.Json;
import dev.jetway.core.registry.ProviderRepository;
import dev.jetway.core.security.Redaction;
import dev.jetway.core.security.Redactor;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telemetry in local mode through the real front door: server-everything behind the gateway, the
 * MCP Java SDK client in front, the JSONL file and {@code /metrics} read as a user would, and what
 * they must not show: the providers' credentials.
 */
class TelemetryEndToEndTest {

    @TempDir
    Path dir;
    LocalGateway gateway;
    McpSyncClient client;

    @AfterEach
    void stop() {
        if (client != null) client.closeGracefully();
        if (gateway != null) gateway.close();
    }

    void start() throws IOException {
        gateway = new LocalGateway("""
                providers:
                  everything:
                    mode: subprocess
                    command: [node, "%s", stdio]
                telemetry:
                  jsonl: "%s"
                  flush_interval_ms: 50
                """.formatted(TestTools.serverEverything(), dir.resolve("events.jsonl")));
        connectClient();
    }

    void connectClient() {
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder(gateway.baseUrl()).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(30))
                .clientInfo(new McpSchema.Implementation("telemetry-test", "1.2.3"))
                .build();
        client.initialize();
    }

    @Test
    void aToolCallWritesARequestEventToTheJsonlFileAndCountsInMetricsForItsProviderAndTool() throws Exception {
        start();

        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("everything__echo",
                Map.of("message", "hello")));

        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        JsonNode request = awaitLine(l -> "Request".equals(l.path("type").asText())
                && "everything__echo".equals(l.path("tool").asText()));
        assertThat(request.get("mcp_method").asText()).isEqualTo("tools/call");
        assertThat(request.get("provider").asText()).isEqualTo("everything");
        assertThat(request.get("status").asInt()).isEqualTo(200);
        assertThat(request.get("client_name").asText()).isEqualTo("telemetry-test");
        assertThat(request.get("client_version").asText()).isEqualTo("1.2.3");
        assertThat(request.get("upstream_us").asLong()).isPositive();
        assertThat(request.get("latency_us").asLong()).isGreaterThanOrEqualTo(request.get("upstream_us").asLong());
        assertThat(request.has("session")).isTrue();
        JsonNode sessionStart = awaitLine(l -> "SessionStart".equals(l.path("type").asText()));
        assertThat(sessionStart.get("session").asText()).isEqualTo(request.get("session").asText());

        HttpResponse<String> metrics = getMetrics();
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).contains(
                "jetway_requests_total{mcp_method=\"tools/call\",provider=\"everything\",tool=\"everything__echo\"} 1\n");
        assertThat(metrics.body()).contains(
                "jetway_request_duration_seconds_count{mcp_method=\"tools/call\",provider=\"everything\",tool=\"everything__echo\"} 1\n");
    }

    @Test
    void storedProviderEventsReachTheJsonlFileAndTheProviderStateGauge() throws Exception {
        start();
        ObservedEventStore store = new ObservedEventStore(new InMemoryEventStore(),
                List.of(gateway.jetway.telemetry().storedEvents()));
        ProviderRepository providers = new ProviderRepository(store, Clock.systemUTC());

        providers.execute("everything", new ProviderCommand.Register(ProviderSpec.subprocess("node", "x.js")), "t", null);
        providers.execute("everything", new ProviderCommand.RequestStart(), "t", null);

        JsonNode started = awaitLine(l -> "ProviderStartRequested".equals(l.path("event_type").asText()));
        assertThat(started.get("stream_id").asText()).isEqualTo("provider#everything");
        assertThat(started.get("stream_version").asLong()).isEqualTo(1);
        assertThat(getMetrics().body())
                .contains("jetway_provider_state{provider=\"everything\",state=\"INITIALIZING\"} 1\n");
    }

    @Test
    void providerCredentialsFromTheConfigAndFromRegistryAddReachTheProvidersButNoFileMetricOrConsoleLine()
            throws Exception {
        String envSecret = "planted-env-secret-9c1f";
        String serviceSecret = "planted-service-key-2a7e";
        String token = "planted-bearer-token-5d3b";
        String apiKey = "planted-api-key-e81c";
        String runtimeEnv = "planted-runtime-env-4b6d";
        String runtimeHeader = "planted-runtime-header-7f02";
        String changedEnv = "planted-changed-env-3e95";
        String commandKey = "sk-plantedCommandLineKey0123456789";
        List<String> secrets = List.of(envSecret, serviceSecret, token, apiKey, runtimeEnv, runtimeHeader, changedEnv,
                commandKey);
        String flaky = TestTools.fixture("flaky-server.mjs").toString().replace("\\", "\\\\");
        GatewayConfig config = ConfigLoader.parse("""
                gateway: {background_discovery: false}
                providers:
                  flaky:
                    mode: subprocess
                    command: [node, "%1$s"]
                    env: {FLAKY_NAME: "%2$s"}
                    tools: [{name: work, inputSchema: {type: object}}]
                  broken:
                    mode: subprocess
                    command: [node, -e, "console.error('login refused for key ' + process.env.SERVICE_KEY); process.exit(3)"]
                    env: {SERVICE_KEY: "%3$s"}
                    tools: [{name: work, inputSchema: {type: object}}]
                  missing:
                    mode: subprocess
                    command: [/nonexistent/jetway-test/mcp-server, "--api-key=%7$s"]
                    tools: [{name: work, inputSchema: {type: object}}]
                  search:
                    mode: remote
                    url: https://search.example/mcp
                    headers: {Authorization: "Bearer %4$s", X-Api-Key: "%5$s"}
                    tools: [{name: ask, inputSchema: {type: object}}]
                telemetry:
                  jsonl: "%6$s"
                  emf: true
                  prometheus: true
                  flush_interval_ms: 50
                """.formatted(flaky, envSecret, serviceSecret, token, apiKey, dir.resolve("events.jsonl"),
                        commandKey), "jetway.yaml");
        String lateConfig = "{\"mode\":\"subprocess\",\"command\":[\"node\",\"" + flaky + "\"],\"env\":{\"FLAKY_NAME\":\""
                + runtimeEnv + "\"},\"headers\":{\"X-Api-Key\":\"" + runtimeHeader + "\"}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String console;
        String metricsBody;
        try (ConsoleCapture capture = ConsoleCapture.start(out, err)) {
            // As JetwayLocal.main runs it: the process's stderr redacted, the gateway's log on stderr.
            Redaction.installProcessWide(Redactor.forConfig(config));
            gateway = new LocalGateway(JetwayLocal.start(config, "127.0.0.1", 0, TestTools.projectRoot(), System.err));
            connectClient();

            assertThat(text(client.callTool(new McpSchema.CallToolRequest("flaky__work", Map.of()))))
                    .as("the provider was started with the real value").isEqualTo(envSecret + " worked (call 1)");
            assertThat(client.callTool(new McpSchema.CallToolRequest("broken__work", Map.of())).isError()).isTrue();
            assertThat(client.callTool(new McpSchema.CallToolRequest("missing__work", Map.of())).isError()).isTrue();
            assertThat(text(client.callTool(new McpSchema.CallToolRequest("registry_add",
                    Map.of("name", "late", "config", Json.parse(lateConfig)))))).contains("registered");
            assertThat(text(client.callTool(new McpSchema.CallToolRequest("late__work", Map.of()))))
                    .isEqualTo(runtimeEnv + " worked (call 1)");
            assertThat(text(client.callTool(new McpSchema.CallToolRequest("registry_update",
                    Map.of("name", "late", "config", Json.parse(lateConfig.replace(runtimeEnv, changedEnv))))))).contains("changed");
            assertThat(text(client.callTool(new McpSchema.CallToolRequest("late__work", Map.of()))))
                    .as("a changed spec from the store starts the provider").isEqualTo(changedEnv + " worked (call 1)");

            JsonNode searchRegistered = awaitLine(l -> "ProviderRegistered".equals(l.path("event_type").asText())
                    && "search".equals(l.at("/data/provider").asText()));
            assertThat(searchRegistered.at("/data/spec/headers/X-Api-Key").asText()).as("names kept, values masked")
                    .isEqualTo(Redactor.MASK);
            assertThat(searchRegistered.at("/data/spec/headers/Authorization").asText()).isEqualTo(Redactor.MASK);
            JsonNode lateChanged = awaitLine(l -> "ProviderConfigChanged".equals(l.path("event_type").asText()));
            assertThat(lateChanged.at("/data/spec/env/FLAKY_NAME").asText()).isEqualTo(Redactor.MASK);
            JsonNode missingFailed = awaitLine(l -> "ProviderStartFailed".equals(l.path("event_type").asText())
                    && "missing".equals(l.at("/data/provider").asText()));
            assertThat(missingFailed.at("/data/error").asText()).as("the error quotes the command line, redacted")
                    .contains("--api-key=" + Redactor.MASK);
            awaitLine(l -> "Request".equals(l.path("type").asText()) && "late__work".equals(l.path("tool").asText()));
            assertThat(gateway.jetway.runtime().store().read("provider#late", 0)).as("the event store keeps the values")
                    .extracting(e -> e.data().at("/spec/env/FLAKY_NAME").asText())
                    .contains(runtimeEnv, changedEnv);
            metricsBody = getMetrics().body();
            awaitText(err, "[broken] login refused for key");
            client.closeGracefully();
            client = null;
            gateway.close();
            gateway = null;
            console = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        }

        String jsonl = Files.readString(dir.resolve("events.jsonl"));
        assertThat(console).as("EMF lines on stdout").contains("\"_aws\"");
        assertThat(console).as("the failing provider's stderr, redacted").contains("[broken] login refused for key "
                + Redactor.MASK);
        for (String secret : secrets) {
            assertThat(jsonl).as("the JSONL file").doesNotContain(secret);
            assertThat(console).as("stdout (EMF) and stderr").doesNotContain(secret);
            assertThat(metricsBody).as("/metrics").doesNotContain(secret);
        }
    }

    @Test
    void metricsAnswerOnlyGet() throws Exception {
        start();

        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metricsUri())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    private static void awaitText(ByteArrayOutputStream stream, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!stream.toString(StandardCharsets.UTF_8).contains(text) && System.nanoTime() < deadline) Thread.sleep(50);
    }

    /** Swaps System.out and System.err for byte buffers, and puts them and the JDK log formatters back. */
    private record ConsoleCapture(PrintStream out, PrintStream err, Map<Handler, Formatter> formatters)
            implements AutoCloseable {

        static ConsoleCapture start(ByteArrayOutputStream out, ByteArrayOutputStream err) {
            Map<Handler, Formatter> formatters = new java.util.HashMap<>();
            for (Handler h : Logger.getLogger("").getHandlers()) formatters.put(h, h.getFormatter());
            ConsoleCapture capture = new ConsoleCapture(System.out, System.err, formatters);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return capture;
        }

        @Override
        public void close() {
            System.setOut(out);
            System.setErr(err);
            formatters.forEach(Handler::setFormatter);
        }
    }

    private HttpResponse<String> getMetrics() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(metricsUri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI metricsUri() {
        return URI.create(gateway.baseUrl() + JetwayLocal.METRICS_PATH);
    }

    /** The bus delivers on its own thread: wait for the line, up to a deadline. */
    private JsonNode awaitLine(Predicate<JsonNode> wanted) throws IOException, InterruptedException {
        Path file = dir.resolve("events.jsonl");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            gateway.jetway.telemetry().flush();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode json = Json.parse(line);
                    if (wanted.test(json)) return json;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching line in " + file + " within 10 s:\n"
                + (Files.exists(file) ? Files.readString(file) : "(no file)"));
    }
}
