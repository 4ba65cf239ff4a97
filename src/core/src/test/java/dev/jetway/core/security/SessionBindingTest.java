package dev.jetway.core.security;

import static dev.jetway.core.security.PolicyHarness.array;
import static dev.jetway.core.security.PolicyHarness.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.FrontDoorResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Session-era sessions through the whole request path with two API-key callers: a session belongs
 * to the caller that opened it, and its event stream carries only notifications that caller may
 * see under the access policy. Alice may use everything; Bob only provider beta (and of its
 * resources only the directory {@code beta+docs://public/} itself).
 */
class SessionBindingTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}";

    private final ApiKeyAuthenticator.NewKey alice = ApiKeyAuthenticator.generate("alice", Set.of("everything"), RANDOM);
    private final ApiKeyAuthenticator.NewKey bob = ApiKeyAuthenticator.generate("bob", Set.of("beta-user"), RANDOM);
    private final List<String> openSessions = new ArrayList<>();
    private final Map<String, String> owners = new HashMap<>();
    private PolicyHarness harness;

    @BeforeEach
    void gateway() {
        harness = new PolicyHarness("""
                gateway: {background_discovery: false}
                providers:
                  alpha: {mode: remote, url: "https://alpha.example/mcp"}
                  beta: {mode: remote, url: "https://beta.example/mcp"}
                security:
                  api_keys:
                    - {name: alice, sha256: "%s", roles: [everything]}
                    - {name: bob, sha256: "%s", roles: [beta-user]}
                  policy:
                    roles:
                      everything: {allow: ["*"]}
                      beta-user: {allow: ["beta__*", "beta+docs://public/"]}
                """.formatted(alice.entry().sha256(), bob.entry().sha256()), providers -> {
            providers.tools.put("alpha", array(tool("echo", "{}")));
            providers.tools.put("beta", array(tool("time", "{}")));
            providers.resources.put("alpha", array(Json.object().put("uri", "docs://a")));
            providers.resources.put("beta", array(Json.object().put("uri", "docs://public/")));
        }).warm();
    }

    @AfterEach
    void close() {
        // Ending the sessions ends their event streams.
        openSessions.forEach(s -> harness.sessionRequest("DELETE", s, null, owner(s)));
        harness.close();
    }


    private String open(ApiKeyAuthenticator.NewKey key) {
        String session = harness.initialize(key.key());
        openSessions.add(session);
        owners.put(session, key.key());
        return session;
    }

    private String owner(String session) {
        return owners.get(session);
    }

    @Test
    void anotherCallerUsingASessionIdGets404OnPostGetAndDeleteAndTheOwnersSessionKeepsWorking() {
        String alices = open(alice);
        FrontDoorResponse unknown = harness.sessionRequest("POST", "no-such-session", PING, bob.key());

        FrontDoorResponse post = harness.sessionRequest("POST", alices, PING, bob.key());
        FrontDoorResponse get = harness.sessionRequest("GET", alices, null, bob.key());
        FrontDoorResponse delete = harness.sessionRequest("DELETE", alices, null, bob.key());
        FrontDoorResponse unknownDelete = harness.sessionRequest("DELETE", "no-such-session", null, bob.key());
        FrontDoorResponse alicesPing = harness.sessionRequest("POST", alices, PING, alice.key());

        assertThat(post.status()).as("Bob's POST on Alice's session").isEqualTo(404);
        assertThat(body(post)).as("reads exactly like a session that does not exist").isEqualTo(body(unknown));
        assertThat(get.status()).as("Bob cannot open Alice's event stream").isEqualTo(404);
        assertThat(delete.status()).as("Bob cannot end Alice's session").isEqualTo(404);
        assertThat(body(delete)).isEqualTo(body(unknownDelete));
        assertThat(alicesPing.status()).as("Alice's session still works").isEqualTo(200);
        assertThat(Json.parse(body(alicesPing)).has("result")).isTrue();
    }

    @Test
    void aProvidersLogLinesReachOnlyTheStreamsOfCallersThatMayUseSomethingOfIt() throws Exception {
        BlockingQueue<JsonNode> alicesStream = harness.openStream(open(alice), alice.key());
        BlockingQueue<JsonNode> bobsStream = harness.openStream(open(bob), bob.key());

        harness.providers.listeners.get("alpha").onNotification(log("alpha is busy"));
        harness.providers.listeners.get("beta").onNotification(log("beta is busy"));

        assertThat(nextData(alicesStream, "notifications/message")).as("Alice may use alpha").isEqualTo("alpha is busy");
        assertThat(nextData(alicesStream, "notifications/message")).isEqualTo("beta is busy");
        // Both lines were queued in this order; the first line Bob gets is beta's, so alpha's never came.
        assertThat(nextData(bobsStream, "notifications/message")).as("Bob may use nothing of alpha").isEqualTo("beta is busy");
    }

    @Test
    void aResourceUpdateReachesOnlyCallersThatMayReadTheUpdatedUri() throws Exception {
        String alices = open(alice);
        String bobs = open(bob);
        BlockingQueue<JsonNode> alicesStream = harness.openStream(alices, alice.key());
        BlockingQueue<JsonNode> bobsStream = harness.openStream(bobs, bob.key());
        subscribe(alices, "beta+docs://public/", alice);
        subscribe(bobs, "beta+docs://public/", bob);

        // The subscription covers the directory's children, but Bob may read only the directory itself.
        harness.providers.listeners.get("beta").onNotification(updated("docs://public/secret-plan"));
        harness.providers.listeners.get("beta").onNotification(updated("docs://public/"));

        assertThat(nextUri(alicesStream)).isEqualTo("beta+docs://public/secret-plan");
        assertThat(nextUri(alicesStream)).isEqualTo("beta+docs://public/");
        assertThat(nextUri(bobsStream)).as("Bob's first update is of the URI he may read: the other never came")
                .isEqualTo("beta+docs://public/");
    }

    @Test
    void listChangedReachesEveryCallerAndTheNextListShowsOnlyWhatTheCallerMaySee() throws Exception {
        BlockingQueue<JsonNode> bobsStream = harness.openStream(open(bob), bob.key());

        harness.providers.tools.put("alpha", array(tool("echo", "{}"), tool("purge", "{}")));
        harness.providers.listeners.get("alpha").onNotification(
                (ObjectNode) Json.parse("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}"));

        assertThat(next(bobsStream, "notifications/tools/list_changed")).as("carries no names, so everybody hears it")
                .isNotNull();
        assertThat(harness.listNames("tools/list", bob.key())).containsExactly("beta__time");
    }

    private void subscribe(String session, String uri, ApiKeyAuthenticator.NewKey key) {
        FrontDoorResponse response = harness.sessionRequest("POST", session, """
                {"jsonrpc":"2.0","id":3,"method":"resources/subscribe","params":{"uri":"%s"}}""".formatted(uri), key.key());
        List<String> messages = new ArrayList<>();
        switch (response) {
            case FrontDoorResponse.Complete complete -> messages.add(complete.bodyText());
            case FrontDoorResponse.EventStream stream -> {
                try {
                    stream.body().writeTo(messages::add); // the request runs as its stream is read
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        assertThat(Json.parse(messages.get(messages.size() - 1)).has("result")).as("subscribed: " + messages).isTrue();
    }

    private static ObjectNode log(String data) {
        ObjectNode message = Json.object().put("jsonrpc", "2.0").put("method", "notifications/message");
        message.putObject("params").put("level", "info").put("data", data);
        return message;
    }

    private static ObjectNode updated(String upstreamUri) {
        ObjectNode message = Json.object().put("jsonrpc", "2.0").put("method", "notifications/resources/updated");
        message.putObject("params").put("uri", upstreamUri);
        return message;
    }

    private static String nextData(BlockingQueue<JsonNode> stream, String method) throws InterruptedException {
        JsonNode next = next(stream, method);
        return next == null ? null : next.at("/params/data").asText();
    }

    private static String nextUri(BlockingQueue<JsonNode> stream) throws InterruptedException {
        JsonNode next = next(stream, "notifications/resources/updated");
        return next == null ? null : next.at("/params/uri").asText();
    }

    /** The next message of {@code method} on the stream, skipping others; null when none comes within 5 s. */
    private static JsonNode next(BlockingQueue<JsonNode> stream, String method) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (long left = TimeUnit.SECONDS.toNanos(5); left > 0; left = deadline - System.nanoTime()) {
            JsonNode message = stream.poll(left, TimeUnit.NANOSECONDS);
            if (message != null && method.equals(message.path("method").asText())) return message;
        }
        return null;
    }

    private static String body(FrontDoorResponse response) {
        return ((FrontDoorResponse.Complete) response).bodyText();
    }
}
