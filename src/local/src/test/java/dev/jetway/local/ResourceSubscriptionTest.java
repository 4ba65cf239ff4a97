package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resource subscriptions through the real gateway, with names prefixed: the conformance fixture
 * provider sends one notifications/resources/updated after each subscription, and the client
 * must get it on its session's event stream under the URI it subscribed to.
 */
class ResourceSubscriptionTest {

    private static final String EXPOSED = "fixture+test://watched-resource";
    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        String fixture = TestTools.projectRoot().resolve("src/local/src/test/resources/conformance/fixture-server.mjs").toString();
        gateway = new LocalGateway("""
                providers:
                  fixture:
                    mode: subprocess
                    command: [node, "%s"]
                """.formatted(fixture));
        gateway.jetway.gateway().warm("fixture");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
    }

    @Test
    void theGatewayAdvertisesSubscribeOnceARunningProviderOffersIt() throws Exception {
        HttpResponse<String> init = initialize();

        assertThat(Json.parse(init.body()).at("/result/capabilities/resources/subscribe").asBoolean())
                .as("resources.subscribe in the gateway's capabilities").isTrue();
    }

    @Test
    void anUpdateOfASubscribedResourceReachesTheSessionStreamUnderTheClientVisibleUri() throws Exception {
        String session = initialize().headers().firstValue("Mcp-Session-Id").orElseThrow();
        BlockingQueue<JsonNode> stream = openStream(session);

        JsonNode subscribed = post(session, """
                {"jsonrpc":"2.0","id":2,"method":"resources/subscribe","params":{"uri":"%s"}}""".formatted(EXPOSED));

        assertThat(subscribed.path("result").isObject()).as("subscribe answered with a result: " + subscribed).isTrue();
        JsonNode update = nextUpdate(stream);
        assertThat(update).as("a notifications/resources/updated within 10 s").isNotNull();
        assertThat(update.at("/params/uri").asText()).isEqualTo(EXPOSED);
        JsonNode unsubscribed = post(session, """
                {"jsonrpc":"2.0","id":3,"method":"resources/unsubscribe","params":{"uri":"%s"}}""".formatted(EXPOSED));
        assertThat(unsubscribed.path("result").isObject()).as("unsubscribe answered: " + unsubscribed).isTrue();
    }

    private static HttpResponse<String> initialize() throws Exception {
        return gateway.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""");
    }

    private static JsonNode post(String session, String body) throws Exception {
        return Json.parse(LocalGateway.lastMessage(gateway.post(body, "Mcp-Session-Id", session,
                "MCP-Protocol-Version", "2025-11-25")));
    }

    /** Opens the session's GET event stream and returns the messages it carries as they come. */
    private static BlockingQueue<JsonNode> openStream(String session) throws Exception {
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gateway.url())).header("Accept", "text/event-stream")
                        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread.ofVirtual().start(() -> response.body().filter(line -> line.startsWith("data: "))
                .forEach(line -> messages.add(Json.parse(line.substring(6)))));
        return messages;
    }

    private static JsonNode nextUpdate(BlockingQueue<JsonNode> stream) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonNode next = stream.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next != null && "notifications/resources/updated".equals(next.path("method").asText())) return next;
        }
        return null;
    }
}
