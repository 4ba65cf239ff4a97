package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.json.Json;
import dev.jetway.core.lifecycle.InvokeTools;
import dev.jetway.core.lifecycle.LifecycleRuntime;
import dev.jetway.core.upstream.UpstreamListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** registry_invoke, registry_invoke_ex, registry_invoke_stream, registry_discover and registry_sources against real providers. */
class InvokeToolsTest {

    @TempDir
    Path dir;
    LifecycleRuntime runtime;
    LocalGateway http;
    final List<Duration> slept = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (runtime != null) runtime.close();
        if (http != null) http.close();
    }

    LifecycleRuntime flaky(String mode) throws IOException {
        Files.writeString(dir.resolve("control"), mode);
        runtime = LifecycleRuntime.create(ConfigLoader.parse("""
                gateway: {background_discovery: false, circuit_failure_threshold: 10}
                providers:
                  flaky: {mode: subprocess, command: [node, "%s"], env: {FLAKY_CONTROL: "%s", FLAKY_NAME: flaky}}
                  both: {mode: group, members: [{name: flaky}]}
                """.formatted(TestTools.fixture("flaky-server.mjs"), dir.resolve("control")), "test.yaml"),
                new InMemoryEventStore(), CountingLauncher.subprocesses(), java.time.Clock.systemUTC());
        return runtime;
    }

    ObjectNode call(String tool, String arguments) {
        return runtime.gateway().route("tools/call", (ObjectNode) Json.parse(
                "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}"), UpstreamListener.NONE);
    }

    InvokeTools invokeTools(InvokeTools.Sleeper sleeper) {
        return new InvokeTools(runtime.gateway(), Duration.ofSeconds(20), sleeper);
    }

    @Test
    void registryInvokeCallsAToolByProviderAndToolNameAlsoThroughAGroup() throws IOException {
        flaky("ok");
        assertThat(call("registry_invoke", "{\"provider\":\"flaky\",\"tool\":\"work\"}").at("/content/0/text").asText())
                .isEqualTo("flaky worked (call 1)");
        assertThat(call("registry_invoke", "{\"provider\":\"both\",\"tool\":\"work\",\"arguments\":{}}")
                .at("/content/0/text").asText()).isEqualTo("flaky worked (call 2)");
        ObjectNode unknown = call("registry_invoke", "{\"provider\":\"nope\",\"tool\":\"work\"}");
        assertThat(unknown.path("isError").asBoolean()).isTrue();
        assertThat(unknown.at("/content/0/text").asText()).contains("unknown provider 'nope'", "flaky", "both");
        assertThat(call("registry_invoke", "{\"provider\":\"flaky\"}").at("/content/0/text").asText())
                .contains("argument 'tool' is required");
    }

    @Test
    void registryInvokeExRetriesATransientFailureWithBackoffAndReportsTheAttemptsUnderItsCorrelationId() throws IOException {
        flaky("fail");
        InvokeTools tools = invokeTools(delay -> {
            slept.add(delay);
            try {
                Files.writeString(dir.resolve("control"), "ok");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        ObjectNode result = tools.call("registry_invoke_ex", (ObjectNode) Json.parse(
                "{\"provider\":\"flaky\",\"tool\":\"work\",\"correlation_id\":\"trace-42\"}"));

        assertThat(result.at("/content/0/text").asText()).isEqualTo("flaky worked (call 2)");
        JsonNode report = result.at("/_meta/" + InvokeTools.META_KEY.replace("/", "~1"));
        assertThat(report.get("correlation_id").asText()).isEqualTo("trace-42");
        assertThat(report.get("attempts").asInt()).isEqualTo(2);
        assertThat(report.get("failures").get(0).asText()).isEqualTo("error -32603");
        assertThat(slept).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void registryInvokeExGivesUpAfterMaxRetriesWithDoublingDelaysAndSaysWhy() throws IOException {
        flaky("fail");
        ObjectNode result = invokeTools(slept::add).call("registry_invoke_ex", (ObjectNode) Json.parse(
                "{\"provider\":\"flaky\",\"tool\":\"work\",\"max_retries\":3}"));

        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.at("/content/0/text").asText()).contains("work on flaky failed after 3 attempt(s)",
                "failing on demand");
        assertThat(slept).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(result.at("/_meta/" + InvokeTools.META_KEY.replace("/", "~1") + "/correlation_id").asText())
                .as("generated when absent").hasSize(36);

        slept.clear();
        ObjectNode once = invokeTools(slept::add).call("registry_invoke_ex", (ObjectNode) Json.parse(
                "{\"provider\":\"flaky\",\"tool\":\"work\",\"retry_on_error\":false}"));
        assertThat(once.at("/content/0/text").asText()).contains("after 1 attempt(s)");
        assertThat(slept).isEmpty();
    }

    @Test
    void registryDiscoverListsAgainNowAndRegistrySourcesSaysWhereEachProviderCameFrom() throws IOException {
        flaky("ok");
        JsonNode discovered = call("registry_discover", "{\"providers\":[\"flaky\"]}").get("structuredContent");
        assertThat(discovered.at("/providers/0/items/tools~1list").asInt()).isEqualTo(1);
        assertThat(discovered.at("/providers/0/new_versions/0/version").asInt()).isEqualTo(1);
        JsonNode again = call("registry_discover", "{}").get("structuredContent");
        assertThat(again.at("/providers/0/new_versions")).as("same lists: no new version").isEmpty();

        JsonNode sources = call("registry_sources", "{}").get("structuredContent");
        List<String> names = new ArrayList<>();
        sources.get("providers").forEach(p -> names.add(p.get("provider").asText() + ":" + p.get("source").asText()));
        assertThat(names).containsExactly("flaky:config", "both:config");
    }

    @Test
    void registryInvokeStreamRelaysItsStagesAndTheProvidersProgressToTheClientInIncreasingOrder() throws Exception {
        http = new LocalGateway("""
                gateway: {background_discovery: false}
                providers:
                  everything: {mode: subprocess, command: [node, "%s", stdio]}
                """.formatted(TestTools.serverEverything()));
        HttpResponse<String> init = http.post("""
                {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""");
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();

        HttpResponse<String> response = http.post("""
                {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"registry_invoke_stream",
                 "arguments":{"provider":"everything","tool":"trigger-long-running-operation",
                 "arguments":{"duration":0.2,"steps":2}},"_meta":{"progressToken":"p-1"}}}""",
                "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");

        List<JsonNode> progress = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.startsWith("data: ")) continue;
            JsonNode message = Json.parse(line.substring(6));
            if ("notifications/progress".equals(message.path("method").asText())) progress.add(message.get("params"));
        }
        assertThat(progress).as("notifications in %s", response.body()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.get("progressToken").asText()).isEqualTo("p-1"));
        assertThat(progress.get(0).get("message").asText()).startsWith("[cold_start]");
        assertThat(progress).as("the provider's own two steps, relayed").filteredOn(p -> !p.has("message")).hasSize(2);
        assertThat(progress.get(progress.size() - 1).get("message").asText()).startsWith("[complete]");
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i).get("progress").asDouble()).as("progress values increase")
                    .isGreaterThan(progress.get(i - 1).get("progress").asDouble());
        }
        assertThat(LocalGateway.lastMessage(response)).contains("Long running operation completed");
    }
}
