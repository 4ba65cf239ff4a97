package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.domain.provider.ProviderCommand;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.eventstore.ObservedEventStore;
import dev.jetway.core.json.Json;
import dev.jetway.core.registry.ProviderRepository;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telemetry in local mode through the real front door: server-everything behind the gateway, the
 * MCP Java SDK client in front, the JSONL file and {@code /metrics} read as a user would.
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
    void metricsAnswerOnlyGet() throws Exception {
        start();

        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metricsUri())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
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
