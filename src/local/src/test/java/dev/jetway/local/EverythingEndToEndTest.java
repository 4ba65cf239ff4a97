package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real parts on both sides: {@code @modelcontextprotocol/server-everything} from npm as a stdio
 * subprocess behind the gateway, and the MCP Java SDK client (session era, 2025-11-25) in front.
 */
class EverythingEndToEndTest {

    private static LocalGateway gateway;
    private static McpSyncClient client;
    private static final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startGatewayAndClient() throws Exception {
        gateway = new LocalGateway("""
                providers:
                  everything:
                    mode: subprocess
                    command: [node, "%s", stdio]
                """.formatted(TestTools.serverEverything()));
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder(gateway.baseUrl()).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(30))
                .progressConsumer(progress::add)
                .build();
        client.initialize();
    }

    @AfterAll
    static void stop() {
        if (client != null) client.closeGracefully();
        if (gateway != null) gateway.close();
    }

    private static List<String> toolNames() throws InterruptedException {
        // tools/list never waits for a provider: the first one starts it in the background.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> names = List.of();
        while (System.nanoTime() < deadline) {
            names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            if (!names.isEmpty()) return names;
            Thread.sleep(200);
        }
        return names;
    }

    @Test
    void listsTheProvidersToolsUnderItsName() throws Exception {
        assertThat(toolNames()).contains("everything__echo", "everything__get-sum",
                "everything__trigger-long-running-operation");
    }

    @Test
    void callsAToolThroughTheGateway() {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("everything__get-sum",
                Map.of("a", 2, "b", 3)));

        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("5");
    }

    @Test
    void relaysProgressNotificationsOfALongRunningTool() throws InterruptedException {
        progress.clear();
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(
                "everything__trigger-long-running-operation", Map.of("duration", 1, "steps", 3),
                Map.of("progressToken", "e2e-progress")));

        assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("completed");
        // The SDK client hands notifications to their consumer on its own thread, possibly just after
        // the call returns: wait a bounded time for all three rather than racing that thread.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (progress.size() < 3 && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(progress).as("one notification per step, with the client's own token")
                .hasSize(3).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("e2e-progress"));
    }

    @Test
    void readsAResourceByItsNamespacedUri() throws Exception {
        toolNames();
        List<McpSchema.Resource> resources = client.listResources().resources();
        McpSchema.Resource first = resources.get(0);

        McpSchema.ReadResourceResult read = client.readResource(new McpSchema.ReadResourceRequest(first.uri()));

        assertThat(first.uri()).startsWith("everything+demo://");
        assertThat(((McpSchema.TextResourceContents) read.contents().get(0)).uri()).isEqualTo(first.uri());
    }

    @Test
    void readsAResourceFromATemplate() {
        McpSchema.ReadResourceResult read = client.readResource(
                new McpSchema.ReadResourceRequest("everything+demo://resource/dynamic/text/7"));

        assertThat(read.contents()).hasSize(1);
        assertThat(read.contents().get(0).uri()).isEqualTo("everything+demo://resource/dynamic/text/7");
    }

    @Test
    void getsAPromptWithArguments() throws Exception {
        toolNames();
        assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name).contains("everything__args-prompt");

        McpSchema.GetPromptResult prompt = client.getPrompt(new McpSchema.GetPromptRequest("everything__args-prompt",
                Map.of("city", "Lisbon")));

        assertThat(((McpSchema.TextContent) prompt.messages().get(0).content()).text()).contains("Lisbon");
    }

    @Test
    void anUnknownToolIsAnErrorAndTheGatewayKeepsServing() {
        // server-everything reports an unknown tool as an isError result, which the gateway relays as is.
        McpSchema.CallToolResult unknown = client.callTool(new McpSchema.CallToolRequest("everything__no-such-tool", Map.of()));
        McpSchema.CallToolResult echo = client.callTool(new McpSchema.CallToolRequest("everything__echo",
                Map.of("message", "still here")));

        assertThat(unknown.isError()).isTrue();
        assertThat(((McpSchema.TextContent) unknown.content().get(0)).text()).contains("no-such-tool");
        assertThat(((McpSchema.TextContent) echo.content().get(0)).text()).isEqualTo("Echo: still here");
    }

    @Test
    void deleteEndsASessionAndItIsGoneAfterwards() throws Exception {
        HttpResponse<String> init = gateway.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();

        HttpResponse<String> deleted = gateway.delete(session);
        HttpResponse<String> after = gateway.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(after.statusCode()).isEqualTo(404);
    }

    @Test
    void aStatelessEraClientCallsAToolWithoutASession() throws Exception {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{},"
                + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"stateless\",\"version\":\"1\"}}";
        HttpResponse<String> discover = gateway.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{"
                + meta + "}}", "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "server/discover");
        HttpResponse<String> call = gateway.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
                        + "\"name\":\"everything__echo\",\"arguments\":{\"message\":\"no session\"}," + meta + "}}",
                "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "everything__echo");

        JsonNode discovered = Json.parse(discover.body());
        JsonNode called = Json.parse(LocalGateway.lastMessage(call));
        assertThat(discovered.at("/result/supportedVersions/0").asText()).isEqualTo("2026-07-28");
        assertThat(discover.headers().firstValue("Mcp-Session-Id")).isEmpty();
        assertThat(called.at("/result/content/0/text").asText()).isEqualTo("Echo: no session");
        assertThat(called.at("/result/resultType").asText()).isEqualTo("complete");
    }
}
