package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cancellation through the real local gateway, in front of a stdio provider that records what it
 * was asked to cancel (fixtures/slow-server.mjs).
 */
class CancellationTest {

    private LocalGateway gateway;
    private String session;

    private void start(int requestTimeoutSeconds) throws Exception {
        gateway = new LocalGateway("""
                gateway: {background_discovery: false, request_timeout_s: %d}
                providers:
                  slow:
                    mode: subprocess
                    command: [node, "%s"]
                """.formatted(requestTimeoutSeconds, TestTools.fixture("slow-server.mjs")));
        session = gateway.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""")
                .headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    @AfterEach
    void stop() {
        if (gateway != null) gateway.close();
    }

    private JsonNode call(String body) throws Exception {
        return Json.parse(LocalGateway.lastMessage(
                gateway.post(body, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25")));
    }

    private JsonNode cancellationsSeenByTheProvider() throws Exception {
        return call("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"tools/call\",\"params\":{\"name\":\"slow__cancellations\"}}")
                .at("/result/structuredContent");
    }

    @Test
    void aClientsCancellationReachesTheProviderUnderTheProvidersOwnRequestIdAndEndsTheStream() throws Exception {
        start(60);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpRequest longCall = HttpRequest.newBuilder(URI.create(gateway.url()))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":"client-7","method":"tools/call","params":{"name":"slow__wait",
                         "arguments":{"ms":60000},"_meta":{"progressToken":"p-7"}}}""")).build();
        CompletableFuture<Void> stream = HttpClient.newHttpClient()
                .sendAsync(longCall, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().filter(line -> line.startsWith("data: "))
                        .forEach(line -> events.add(line.substring(6))));
        String started = events.poll(30, TimeUnit.SECONDS);

        HttpResponse<String> cancel = gateway.post("""
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"client-7","reason":"user pressed stop"}}""",
                "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
        stream.get(10, TimeUnit.SECONDS);

        JsonNode seen = cancellationsSeenByTheProvider();
        assertThat(Json.parse(started).at("/params/message").asText()).as("the provider was working on it").isEqualTo("started");
        assertThat(cancel.statusCode()).isEqualTo(202);
        assertThat(events).as("the stream ended without a response for the cancelled request").isEmpty();
        assertThat(seen.at("/waitIds/0").asText()).as("the provider saw its own id, not the client's").isNotEqualTo("client-7");
        assertThat(seen.at("/cancelled/0/requestId").asText()).isEqualTo(seen.at("/waitIds/0").asText());
        assertThat(seen.at("/cancelled/0/reason").asText()).isEqualTo("user pressed stop");
    }

    @Test
    void aCancelledRequestAnsweredAsPlainJsonGetsARequestCancelledError() throws Exception {
        start(60);
        CompletableFuture<HttpResponse<String>> plain = CompletableFuture.supplyAsync(() -> {
            try {
                return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url()))
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"slow__wait",
                                 "arguments":{"ms":60000}}}""")).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWaitCalls(1);

        gateway.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":8}}",
                "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
        JsonNode answer = Json.parse(plain.get(10, TimeUnit.SECONDS).body());

        assertThat(answer.get("id").asInt()).isEqualTo(8);
        assertThat(answer.at("/error/code").asInt()).isEqualTo(-32800);
        assertThat(answer.at("/error/message").asText()).isEqualTo("tools/call to provider 'slow' was cancelled: cancelled by the client");
        assertThat(cancellationsSeenByTheProvider().at("/cancelled")).hasSize(1);
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsToldToStopAndTheCallFailsNamingIt() throws Exception {
        start(2);
        call("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"slow__cancellations\"}}");

        JsonNode timedOut = call("""
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"slow__wait","arguments":{"ms":60000}}}""");

        JsonNode seen = cancellationsSeenByTheProvider();
        assertThat(timedOut.at("/result/isError").asBoolean()).as("a tool error the model can read").isTrue();
        assertThat(timedOut.at("/result/content/0/text").asText())
                .isEqualTo("provider 'slow' is unavailable: tools/call did not answer within 2000 ms");
        assertThat(seen.at("/cancelled/0/reason").asText()).isEqualTo("timed out in the gateway");
        assertThat(seen.at("/cancelled/0/requestId").asText()).isEqualTo(seen.at("/waitIds/0").asText());
    }

    /** Waits until the provider has received {@code count} wait calls (it reports them itself). */
    private void awaitWaitCalls(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (cancellationsSeenByTheProvider().at("/waitIds").size() >= count) return;
            Thread.sleep(50);
        }
        throw new AssertionError("the provider never received " + count + " wait call(s)");
    }

}
