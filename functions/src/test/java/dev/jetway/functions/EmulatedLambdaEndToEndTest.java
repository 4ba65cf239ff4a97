package dev.jetway.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.local.SubprocessConnector;
import dev.jetway.local.TestTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real parts on both sides of the Lambda handler: the MCP Java SDK client speaks HTTP to the
 * emulated API Gateway, which invokes the handler in-process; server-everything runs behind it.
 */
class EmulatedLambdaEndToEndTest {

    static LambdaGateway function;
    static ApiGatewayEmulator emulator;
    static McpSyncClient client;
    static final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Duration timeout = Duration.ofSeconds(20);
        function = new LambdaGateway(ConfigLoader.parse("""
                providers:
                  everything:
                    mode: subprocess
                    command: [node, "%s", stdio]
                """.formatted(TestTools.serverEverything()), "e2e.yaml"),
                new SubprocessConnector(TestTools.projectRoot(), timeout, System.err::println),
                new InMemorySessionStore(), Clock.systemUTC());
        function.gateway().warm("everything");
        emulator = new ApiGatewayEmulator(new GatewayHandler(function.edge()));
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder(emulator.url("")).endpoint("/mcp").build())
                .requestTimeout(timeout).progressConsumer(progress::add).build();
        client.initialize();
    }

    @AfterAll
    static void stop() {
        if (client != null) client.closeGracefully();
        if (emulator != null) emulator.close();
        if (function != null) function.gateway().close();
    }

    @Test
    void theSdkClientListsTheProvidersTools() {
        List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();

        assertThat(names).contains("everything__echo", "everything__get-sum");
    }

    @Test
    void theSdkClientCallsAToolThroughTheEmulatedApiGateway() {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("everything__get-sum",
                Map.of("a", 20, "b", 22)));

        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("42");
    }

    @Test
    void progressReachesTheSdkClientFromTheBufferedStream() throws InterruptedException {
        progress.clear();
        client.callTool(McpSchema.CallToolRequest.builder().name("everything__trigger-long-running-operation")
                .arguments(Map.of("duration", 1, "steps", 2)).progressToken("t-1").build());

        // The SDK client hands notifications to their consumer on its own thread, possibly just
        // after the call returns: wait a bounded time for both rather than racing that thread.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (progress.size() < 2 && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(progress).as("both progress notifications, delivered with the result").hasSize(2);
    }
}
