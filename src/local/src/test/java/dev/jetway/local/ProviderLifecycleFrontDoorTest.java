package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.json.Json;
import dev.jetway.core.testing.SettableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provider lifecycle as a user meets it, through the real front door in local mode:
 * {@code registry_*} tools next to the providers' tools, predefined tools before the first start,
 * idle collection, and the health endpoints. server-everything runs as a real child process.
 */
class ProviderLifecycleFrontDoorTest {

    final SettableClock clock = SettableClock.at("2026-11-21T10:00:00Z");
    final List<LogRecord> gatewayWarnings = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            gatewayWarnings.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    LocalGateway gateway;
    String session;
    int ids;

    LocalGateway start(String gatewaySection) throws Exception {
        Logger.getLogger(Gateway.class.getName()).addHandler(capture);
        gateway = new LocalGateway(gatewaySection + """
                providers:
                  everything:
                    mode: subprocess
                    command: [node, "%s", stdio]
                    idle_ttl_s: 60
                    tools:
                      - {name: echo, description: "predefined in the config", inputSchema: {type: object}}
                      - {name: retired-tool, inputSchema: {type: object}}
                """.formatted(TestTools.serverEverything()), clock);
        HttpResponse<String> init = gateway.post("""
                {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""");
        session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        return gateway;
    }

    @AfterEach
    void stop() {
        Logger.getLogger(Gateway.class.getName()).removeHandler(capture);
        if (gateway != null) gateway.close();
    }

    JsonNode rpc(String method, String params) throws Exception {
        HttpResponse<String> response = gateway.post("{\"jsonrpc\":\"2.0\",\"id\":" + (++ids) + ",\"method\":\"" + method
                + "\",\"params\":" + params + "}", "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
        JsonNode message = Json.parse(LocalGateway.lastMessage(response));
        assertThat(message.has("error")).as("%s answered %s", method, message).isFalse();
        return message.get("result");
    }

    String callText(String tool, String arguments) throws Exception {
        return rpc("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}").at("/content/0/text").asText();
    }

    List<String> toolNames() throws Exception {
        List<String> names = new ArrayList<>();
        rpc("tools/list", "{}").get("tools").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    static String statusLine(String dashboard, String provider) {
        return dashboard.lines().filter(l -> l.startsWith(provider + " ")).findFirst().orElse("(no line for " + provider + ")");
    }

    @Test
    void registryStatusShowsColdBeforeTheFirstCallReadyAfterItAndColdAgainAfterTheIdleTtl() throws Exception {
        start("gateway: {background_discovery: false}\n");

        assertThat(statusLine(callText("registry_status", "{}"), "everything")).as("before the first call")
                .contains("subprocess", "COLD", "starts on first use");

        assertThat(callText("everything__echo", "{\"message\":\"hello\"}")).contains("hello");
        assertThat(statusLine(callText("registry_status", "{}"), "everything")).as("after a call")
                .contains("READY", "CLOSED", "0 s ago");

        clock.advance(Duration.ofSeconds(60));
        gateway.jetway.runtime().collector().collect();

        assertThat(statusLine(callText("registry_status", "{}"), "everything")).as("after its idle TTL")
                .contains("COLD", "stopped: idle");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("server-everything")).count())
                .as("the idle provider's process is gone").isZero();
        assertThat(callText("everything__echo", "{\"message\":\"again\"}")).as("the next call starts it again")
                .contains("again");
        Streams.assertReplayReproducesEveryState(gateway.jetway.runtime(), clock);
    }

    @Test
    void predefinedToolsAreListedBeforeTheFirstStartAndTheProvidersOwnListReplacesThemWithAWarning() throws Exception {
        start("gateway: {background_discovery: false}\n");

        assertThat(toolNames()).as("before any start: the config's tools and the management tools")
                .contains("everything__echo", "everything__retired-tool", "registry_list", "registry_status",
                        "registry_start", "registry_stop", "registry_health", "registry_warm")
                .doesNotContain("everything__get-sum");

        assertThat(callText("registry_start", "{\"provider\":\"everything\"}")).contains("everything", "READY");

        assertThat(toolNames()).as("after the start: what the provider lists")
                .contains("everything__echo", "everything__get-sum", "registry_status")
                .doesNotContain("everything__retired-tool");
        assertThat(gatewayWarnings).extracting(LogRecord::getMessage).anySatisfy(m -> assertThat(m)
                .contains("everything", "predefined", "retired-tool", "get-sum"));
    }

    @Test
    void registryListStopHealthAndWarmWorkThroughTheFrontDoor() throws Exception {
        start("gateway: {background_discovery: false}\n");

        assertThat(callText("registry_warm", "{}")).isEqualTo("everything: READY");
        JsonNode listed = rpc("tools/call", "{\"name\":\"registry_list\",\"arguments\":{}}");
        assertThat(listed.at("/structuredContent/providers/0/state").asText()).isEqualTo("READY");
        assertThat(listed.at("/structuredContent/providers/0/tools_count").asInt()).isGreaterThan(5);
        assertThat(callText("registry_health", "{\"provider\":\"everything\"}")).startsWith("everything: PASSED, READY");
        assertThat(callText("registry_stop", "{\"provider\":\"everything\"}")).contains("stopped", "COLD");
        assertThat(callText("registry_stop", "{\"provider\":\"everything\"}")).contains("was not running");
        JsonNode unknown = rpc("tools/call", "{\"name\":\"registry_start\",\"arguments\":{\"provider\":\"nope\"}}");
        assertThat(unknown.path("isError").asBoolean()).isTrue();
        assertThat(unknown.at("/content/0/text").asText()).contains("unknown provider 'nope'", "everything");
    }

    @Test
    void managementToolsCanBeTurnedOff() throws Exception {
        start("gateway: {background_discovery: false, management_tools: false}\n");

        assertThat(toolNames()).noneMatch(name -> name.startsWith("registry_")).contains("everything__echo");
    }

    @Test
    void healthEndpointsAnswerWithStatusCodesAndProviderStates() throws Exception {
        start("gateway: {background_discovery: false}\n");
        callText("everything__echo", "{\"message\":\"warm\"}");

        for (String path : List.of("/health/live", "/health/ready", "/health/startup")) {
            HttpResponse<String> response = gateway.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode body = Json.parse(response.body());
            assertThat(body.path("status").asText()).as(path).isEqualTo("UP");
            assertThat(body.at("/providers/everything/state").asText()).as(path).isEqualTo("READY");
        }
        assertThat(Json.parse(gateway.get("/health/ready").body()).at("/checks/store").asText()).isEqualTo("UP");
        assertThat(gateway.get("/health/nothing").statusCode()).isEqualTo(404);
    }
}
