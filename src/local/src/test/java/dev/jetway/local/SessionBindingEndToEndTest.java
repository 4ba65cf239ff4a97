package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.security.ApiKeyAuthenticator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions bound to their caller, over real HTTP with API keys, in front of server-everything from
 * npm (stdio): Alice may use everything; Bob may use no tool, prompt or resource of provider
 * {@code everything}. Bob cannot use Alice's session id, and his event stream does not carry the
 * provider's log lines or resource updates that Alice's carries.
 */
class SessionBindingEndToEndTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ApiKeyAuthenticator.NewKey ALICE = ApiKeyAuthenticator.generate("alice", Set.of("all"), RANDOM);
    private static final ApiKeyAuthenticator.NewKey BOB = ApiKeyAuthenticator.generate("bob", Set.of("elsewhere"), RANDOM);
    private static final String WATCHED = "everything+demo://resource/dynamic/text/1";
    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = new LocalGateway("""
                gateway: {background_discovery: false}
                providers:
                  everything:
                    mode: subprocess
                    command: [node, "%s", stdio]
                security:
                  api_keys:
                    - {name: alice, sha256: "%s", roles: [all]}
                    - {name: bob, sha256: "%s", roles: [elsewhere]}
                  policy:
                    roles:
                      all: {allow: ["*"]}
                      elsewhere: {allow: ["other__*"]}
                """.formatted(TestTools.serverEverything(), ALICE.entry().sha256(), BOB.entry().sha256()));
        gateway.jetway.gateway().warm("everything");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
    }

    @Test
    void bobUsingAlicesSessionIdGets404OnPostGetAndDeleteAndAlicesSessionWorksAfterwards() throws Exception {
        String alices = initialize(ALICE);
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";
        HttpResponse<String> unknown = post(BOB, "not-a-session", ping);

        HttpResponse<String> post = post(BOB, alices, ping);
        int get;
        try (SessionEventStream stream = new SessionEventStream(gateway.url(), alices, "Authorization", bearer(BOB))) {
            get = stream.status;
        }
        HttpResponse<String> delete = send("DELETE", BOB, alices);
        HttpResponse<String> unknownDelete = send("DELETE", BOB, "not-a-session");
        JsonNode echoed = Json.parse(LocalGateway.lastMessage(post(ALICE, alices, """
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"everything__echo","arguments":{"message":"still mine"}}}""")));

        assertThat(post.statusCode()).as("Bob's POST on Alice's session").isEqualTo(404);
        assertThat(post.body()).as("reads exactly like a session that does not exist").isEqualTo(unknown.body());
        assertThat(get).as("Bob cannot open Alice's event stream").isEqualTo(404);
        assertThat(delete.statusCode()).as("Bob cannot end Alice's session").isEqualTo(404);
        assertThat(delete.body()).isEqualTo(unknownDelete.body());
        assertThat(echoed.at("/result/content/0/text").asText()).as("Alice's session still works: " + echoed)
                .contains("still mine");
        send("DELETE", ALICE, alices);
    }

    @Test
    void theProvidersLogLinesAndResourceUpdatesReachAlicesStreamAndNotBobs() throws Exception {
        String alices = initialize(ALICE);
        String bobs = initialize(BOB);
        try (SessionEventStream alicesStream = new SessionEventStream(gateway.url(), alices, "Authorization", bearer(ALICE));
             SessionEventStream bobsStream = new SessionEventStream(gateway.url(), bobs, "Authorization", bearer(BOB))) {
            assertThat(List.of(alicesStream.status, bobsStream.status)).as("both streams open").containsExactly(200, 200);
            post(ALICE, alices, """
                    {"jsonrpc":"2.0","id":2,"method":"resources/subscribe","params":{"uri":"%s"}}""".formatted(WATCHED));
            post(ALICE, alices, tool("toggle-subscriber-updates"));
            post(ALICE, alices, tool("toggle-simulated-logging"));

            // server-everything sends both every 5 s, outside any request: they go to session streams.
            JsonNode log = alicesStream.next("notifications/message", Duration.ofSeconds(20));
            JsonNode update = alicesStream.next("notifications/resources/updated", Duration.ofSeconds(20));
            post(ALICE, alices, tool("toggle-simulated-logging"));
            post(ALICE, alices, tool("toggle-subscriber-updates"));
            // A list change reaches every caller; everything the provider sent before it is queued before it.
            gateway.jetway.gateway().rediscover("everything");
            List<JsonNode> bobSaw = bobsStream.until("notifications/tools/list_changed", Duration.ofSeconds(10));

            assertThat(log).as("Alice may use the provider: its log lines reach her stream").isNotNull();
            assertThat(update).as("Alice subscribed and may read the URI").isNotNull();
            assertThat(update.at("/params/uri").asText()).isEqualTo(WATCHED);
            assertThat(bobSaw).as("Bob's stream is open and carries what he may hear").isNotEmpty();
            assertThat(bobSaw.get(bobSaw.size() - 1).path("method").asText()).isEqualTo("notifications/tools/list_changed");
            assertThat(bobSaw).as("nothing of a provider Bob may not use")
                    .noneMatch(m -> m.path("method").asText().equals("notifications/message"))
                    .noneMatch(m -> m.path("method").asText().equals("notifications/resources/updated"));
        } finally {
            send("DELETE", ALICE, alices);
            send("DELETE", BOB, bobs);
        }
    }

    private static String tool(String name) {
        return """
                {"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"everything__%s","arguments":{}}}""".formatted(name);
    }

    private static String bearer(ApiKeyAuthenticator.NewKey key) {
        return "Bearer " + key.key();
    }

    private static String initialize(ApiKeyAuthenticator.NewKey key) throws Exception {
        return gateway.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""",
                "Authorization", bearer(key)).headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    private static HttpResponse<String> post(ApiKeyAuthenticator.NewKey key, String session, String body) throws Exception {
        return gateway.post(body, "Authorization", bearer(key), "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
    }

    private static HttpResponse<String> send(String method, ApiKeyAuthenticator.NewKey key, String session) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url()))
                .header("Authorization", bearer(key)).header("Mcp-Session-Id", session)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
