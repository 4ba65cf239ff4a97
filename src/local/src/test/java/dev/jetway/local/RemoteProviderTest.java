package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway in front of a real Streamable HTTP MCP server on loopback (server-everything in
 * {@code streamableHttp} mode), beside two providers that cannot start: a command that does not
 * exist and a URL where nothing listens.
 */
class RemoteProviderTest {

    private static EverythingOverHttp everything;
    private static LocalGateway gateway;
    private static String session;
    private static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        everything = EverythingOverHttp.start();
        closedPort = EverythingOverHttp.freePort();
        gateway = new LocalGateway("""
                gateway: {background_discovery: false}
                providers:
                  everything: {mode: remote, url: "%s"}
                  ghost: {mode: subprocess, command: [jetway-no-such-command-4711]}
                  nowhere: {mode: remote, url: "http://127.0.0.1:%d/mcp"}
                security:
                  providers:                       # both live on this machine's loopback
                    everything: {allow_private_network: true}
                    nowhere: {allow_private_network: true}
                """.formatted(everything.url(), closedPort));
        session = gateway.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""")
                .headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
        if (everything != null) everything.close();
    }

    private static JsonNode call(String body) throws Exception {
        return Json.parse(LocalGateway.lastMessage(
                gateway.post(body, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25")));
    }

    private static JsonNode callTool(String name, String arguments) throws Exception {
        return call("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"" + name
                + "\",\"arguments\":" + arguments + "}}");
    }

    private static List<String> listed(String method, String field, String key) throws Exception {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            String params = cursor == null ? "{}" : "{\"cursor\":\"" + cursor + "\"}";
            JsonNode page = call("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"" + method + "\",\"params\":" + params + "}");
            page.at("/result/" + field).forEach(item -> names.add(item.get(key).asText()));
            cursor = page.at("/result/nextCursor").isTextual() ? page.at("/result/nextCursor").asText() : null;
        } while (cursor != null);
        return names;
    }

    @Test
    void toolsOfARemoteStreamableHttpServerAreListedAndCalledThroughTheGateway() throws Exception {
        JsonNode sum = callTool("everything__get-sum", "{\"a\":2,\"b\":3}");

        assertThat(sum.at("/result/content/0/text").asText()).contains("5");
        assertThat(listed("tools/list", "tools", "name")).contains("everything__echo", "everything__get-sum",
                "everything__trigger-long-running-operation");
    }

    @Test
    void aRemoteProvidersListChangeArrivesOverItsEventStreamAndReachesClients() throws Exception {
        callTool("everything__echo", "{\"message\":\"start\"}");
        String resource = "everything+demo://resource/session/remote.txt.gz";

        try (SessionEventStream stream = new SessionEventStream(gateway.url(), session)) {
            callTool("everything__gzip-file-as-resource",
                    "{\"name\":\"remote.txt.gz\",\"data\":\"data:text/plain;base64,aGk=\",\"outputType\":\"resourceLink\"}");
            JsonNode changed = stream.next("notifications/resources/list_changed", Duration.ofSeconds(20));

            assertThat(changed).as("sent by the provider on its GET stream, relayed on the client's").isNotNull();
            assertThat(listed("resources/list", "resources", "uri")).contains(resource);
        }
    }

    @Test
    void aCancelledCallToARemoteProviderEndsAtOnce() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpRequest longCall = HttpRequest.newBuilder(URI.create(gateway.url()))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":"long-1","method":"tools/call","params":{"name":"everything__trigger-long-running-operation",
                         "arguments":{"duration":30,"steps":30},"_meta":{"progressToken":"lr"}}}""")).build();
        long started = System.nanoTime();
        CompletableFuture<Void> stream = HttpClient.newHttpClient()
                .sendAsync(longCall, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().filter(line -> line.startsWith("data: "))
                        .forEach(line -> events.add(line.substring(6))));
        String firstProgress = events.poll(30, TimeUnit.SECONDS);

        gateway.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"long-1\"}}",
                "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
        stream.get(10, TimeUnit.SECONDS);

        assertThat(Json.parse(firstProgress).path("method").asText()).isEqualTo("notifications/progress");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("well before the 30 s operation ends")
                .isLessThan(Duration.ofSeconds(20));
        assertThat(events).noneMatch(event -> Json.parse(event).has("result"));
    }

    @Test
    void providersThatCannotStartFailTheCallFastNamingProviderAndCauseWhileTheOthersServe() throws Exception {
        long started = System.nanoTime();
        JsonNode badCommand = callTool("ghost__anything", "{}");
        JsonNode unreachable = callTool("nowhere__anything", "{}");
        JsonNode unreachablePrompt = call("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"prompts/get\",\"params\":{\"name\":\"nowhere__p\"}}");
        Duration failingTook = Duration.ofNanos(System.nanoTime() - started);
        JsonNode served = callTool("everything__echo", "{\"message\":\"still serving\"}");

        assertThat(badCommand.at("/result/isError").asBoolean()).isTrue();
        assertThat(badCommand.at("/result/content/0/text").asText())
                .startsWith("provider 'ghost' is unavailable: cannot start [jetway-no-such-command-4711]: ");
        assertThat(unreachable.at("/result/isError").asBoolean()).isTrue();
        assertThat(unreachable.at("/result/content/0/text").asText())
                .startsWith("provider 'nowhere' is unavailable: cannot reach http://127.0.0.1:" + closedPort + "/mcp: ")
                .contains("ConnectException");
        assertThat(unreachablePrompt.at("/error/code").asInt()).as("methods other than tools/call fail as JSON-RPC errors")
                .isEqualTo(-32603);
        assertThat(unreachablePrompt.at("/error/data/provider").asText()).isEqualTo("nowhere");
        assertThat(failingTook).as("no waiting for a time-out").isLessThan(Duration.ofSeconds(5));
        assertThat(served.at("/result/content/0/text").asText()).isEqualTo("Echo: still serving");
    }
}
