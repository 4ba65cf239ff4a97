package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.json.Json;
import dev.jetway.core.lifecycle.HeapReading;
import dev.jetway.core.security.ApiKeyAuthenticator;
import dev.jetway.core.security.RemoteDestinationGuard;
import dev.jetway.core.testing.SettableClock;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Session-era sessions cannot be used to exhaust the gateway's memory, through the real front door
 * of a real local gateway: a caller holds at most {@code gateway.max_sessions_per_caller} sessions
 * and the gateway at most {@code gateway.max_sessions}, each refused initialize says which limit
 * and key refused it; an initialize whose {@code capabilities} or {@code clientInfo} is over its
 * size limit is refused and nothing of it is kept; an expired session leaves memory at the next
 * sweep, without anyone asking for it; and readiness says DOWN while the heap is nearly full.
 */
class SessionExhaustionAttackTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NO_PROVIDERS = """
            providers: {}
            telemetry: {stderr: false, jsonl: false}
            """;
    private LocalGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) gateway.close();
    }

    @Test
    void aThousandInitializesWithoutCredentialsOnLoopbackKeepOnlyTheCallersCapAndTheRestAreRefusedNamingTheKey()
            throws Exception {
        gateway = new LocalGateway(NO_PROVIDERS);
        int attempts = 1_000;

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < attempts; i++) answers.add(gateway.post(initialize("{}", "{}")));

        List<HttpResponse<String>> opened = answers.stream().filter(a -> a.headers().firstValue("Mcp-Session-Id").isPresent())
                .toList();
        List<HttpResponse<String>> refused = answers.stream().filter(a -> a.statusCode() == 429).toList();
        long defects = Math.max(0, opened.size() - 100);
        assertThat(gateway.jetway.sessions().size()).as("the anonymous caller holds at most its 100 sessions in memory")
                .isEqualTo(100);
        assertThat(opened).as("exactly the first 100 initializes opened a session").hasSize(100);
        assertThat(refused).as("every other initialize is refused with 429").hasSize(attempts - 100);
        JsonNode error = Json.parse(refused.get(0).body()).path("error");
        assertThat(error.path("message").asText()).as("the refusal names the limit and the key that raises it")
                .contains("100").contains("gateway.max_sessions_per_caller");
        assertThat(error.at("/data/key").asText()).isEqualTo("gateway.max_sessions_per_caller");
        assertThat(refused.get(0).headers().firstValue("Retry-After")).as("says when to try again").isPresent();
        assertThat(defects).isZero();
        AttackFigures.record("sessions opened past the per-caller cap (anonymous, loopback)", attempts, defects);
    }

    @Test
    void oneKeyHoldersFloodOfInitializesStopsAtItsCapAndAnotherCallerStillOpensASession() throws Exception {
        ApiKeyAuthenticator.NewKey alice = ApiKeyAuthenticator.generate("alice", Set.of(), RANDOM);
        ApiKeyAuthenticator.NewKey bob = ApiKeyAuthenticator.generate("bob", Set.of(), RANDOM);
        gateway = new LocalGateway("""
                providers: {}
                telemetry: {stderr: false, jsonl: false}
                security:
                  api_keys:
                    - {name: alice, sha256: "%s"}
                    - {name: bob, sha256: "%s"}
                """.formatted(alice.entry().sha256(), bob.entry().sha256()));
        int attempts = 300;

        int alicesSessions = 0;
        for (int i = 0; i < attempts; i++) {
            HttpResponse<String> answer = gateway.post(initialize("{}", "{}"), "Authorization", "Bearer " + alice.key());
            if (answer.headers().firstValue("Mcp-Session-Id").isPresent()) alicesSessions++;
        }
        HttpResponse<String> bobs = gateway.post(initialize("{}", "{}"), "Authorization", "Bearer " + bob.key());

        long defects = Math.max(0, alicesSessions - 100);
        assertThat(alicesSessions).as("one API key opens at most gateway.max_sessions_per_caller sessions").isEqualTo(100);
        assertThat(bobs.statusCode()).as("another caller is not locked out by Alice's flood").isEqualTo(200);
        assertThat(bobs.headers().firstValue("Mcp-Session-Id")).isPresent();
        assertThat(gateway.jetway.sessions().size()).as("Alice's 100 and Bob's one").isEqualTo(101);
        assertThat(defects).isZero();
        AttackFigures.record("sessions opened past the per-caller cap (API key)", attempts, defects);
    }

    @Test
    void callersTogetherStopAtTheGatewaysCapWith503AndRetryAfterAndAnEndedSessionMakesRoom() throws Exception {
        List<ApiKeyAuthenticator.NewKey> keys = new ArrayList<>();
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            keys.add(ApiKeyAuthenticator.generate("caller" + i, Set.of(), RANDOM));
            entries.append("    - {name: caller%d, sha256: \"%s\"}\n".formatted(i, keys.get(i).entry().sha256()));
        }
        gateway = new LocalGateway("""
                gateway: {max_sessions: 120, max_sessions_per_caller: 50}
                providers: {}
                telemetry: {stderr: false, jsonl: false}
                security:
                  api_keys:
                """ + entries);
        int attempts = 0;

        List<String> opened = new ArrayList<>();
        List<HttpResponse<String>> refused = new ArrayList<>();
        for (ApiKeyAuthenticator.NewKey key : keys) {
            for (int i = 0; i < 40; i++, attempts++) {
                HttpResponse<String> answer = gateway.post(initialize("{}", "{}"), "Authorization", "Bearer " + key.key());
                answer.headers().firstValue("Mcp-Session-Id").ifPresentOrElse(opened::add, () -> refused.add(answer));
            }
        }
        String someone = keys.get(0).key();
        HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url()))
                .header("Authorization", "Bearer " + someone).header("Mcp-Session-Id", opened.get(0)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> afterDelete = gateway.post(initialize("{}", "{}"), "Authorization", "Bearer " + keys.get(3).key());

        long defects = Math.max(0, opened.size() - 120);
        assertThat(opened).as("four callers of 40 each: the gateway holds at most gateway.max_sessions").hasSize(120);
        assertThat(refused).as("the 40 past the gateway's cap").hasSize(40)
                .allSatisfy(r -> assertThat(r.statusCode()).as("the gateway is full, not the caller's fault").isEqualTo(503))
                .allSatisfy(r -> assertThat(r.headers().firstValue("Retry-After")).isPresent());
        JsonNode error = Json.parse(refused.get(0).body()).path("error");
        assertThat(error.path("message").asText()).contains("120").contains("gateway.max_sessions");
        assertThat(error.at("/data/scope").asText()).isEqualTo("gateway");
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(afterDelete.headers().firstValue("Mcp-Session-Id")).as("a DELETE makes room at once").isPresent();
        assertThat(gateway.jetway.sessions().size()).isEqualTo(120);
        assertThat(defects).isZero();
        AttackFigures.record("sessions opened past the gateway's cap (four API keys)", attempts, defects);
    }

    @Test
    void anInitializeWithThreeMegabytesOfCapabilitiesOrClientInfoIsRefusedNamingTheLimitAndNothingOfItIsKept()
            throws Exception {
        gateway = new LocalGateway(NO_PROVIDERS);
        String threeMegabytes = "{\"experimental\":{\"padding\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}}";
        String bigClientInfo = "{\"name\":\"client\",\"version\":\"1\",\"title\":\"" + "y".repeat(3 * 1024 * 1024) + "\"}";
        int attempts = 10;

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < attempts / 2; i++) {
            answers.add(gateway.post(initialize(threeMegabytes, "{}")));
            answers.add(gateway.post(initialize("{}", bigClientInfo)));
        }
        int heldAfterAttack = gateway.jetway.sessions().size();
        HttpResponse<String> ordinary = gateway.post(initialize("{\"roots\":{}}", "{\"name\":\"c\",\"version\":\"1\"}"));

        long defects = answers.stream().filter(a -> a.headers().firstValue("Mcp-Session-Id").isPresent()).count();
        assertThat(defects).as("no over-size initialize opens a session").isZero();
        assertThat(heldAfterAttack).as("nothing of the refused initializes is kept").isZero();
        JsonNode capabilitiesError = Json.parse(answers.get(0).body()).path("error");
        JsonNode clientInfoError = Json.parse(answers.get(1).body()).path("error");
        assertThat(capabilitiesError.path("message").asText()).as("names the field, the limit and its key")
                .contains("capabilities").contains("8192").contains("gateway.max_client_capabilities_bytes");
        assertThat(clientInfoError.path("message").asText())
                .contains("clientInfo").contains("8192").contains("gateway.max_client_info_bytes");
        assertThat(ordinary.headers().firstValue("Mcp-Session-Id")).as("an ordinary initialize still works").isPresent();
        AttackFigures.record("3 MB capabilities or clientInfo kept by a session", attempts, defects);
    }

    @Test
    void expiredSessionsLeaveMemoryAtTheNextSweepWithoutAnyRequestLookingForThem() throws Exception {
        SettableClock clock = new SettableClock(Clock.systemUTC().instant());
        gateway = new LocalGateway("""
                gateway: {session_idle_ttl_s: 15}
                providers: {}
                telemetry: {stderr: false, jsonl: false}
                """, clock);
        int sessions = 30;
        for (int i = 0; i < sessions; i++) gateway.post(initialize("{}", "{}"));
        int heldBefore = gateway.jetway.sessions().size();

        clock.advance(Duration.ofSeconds(16));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (gateway.jetway.sessions().size() > 0 && System.nanoTime() < deadline) Thread.sleep(50);

        int heldAfter = gateway.jetway.sessions().size();
        assertThat(heldBefore).isEqualTo(sessions);
        assertThat(heldAfter).as("sessions idle past session_idle_ttl_s are swept from memory, unasked").isZero();
        AttackFigures.record("expired sessions kept in memory", sessions, heldAfter);
    }

    @Test
    void readinessIsDownNamingTheReasonWhileTheHeapAfterGcIsAboveTheThresholdAndUpAgainAfterwards() throws Exception {
        AtomicReference<HeapReading> heap = new AtomicReference<>(new HeapReading(256L << 20, 512L << 20));
        gateway = new LocalGateway(JetwayLocal.start(ConfigLoader.parse(NO_PROVIDERS, "test.yaml"), "127.0.0.1", 0,
                TestTools.projectRoot(), new PrintStream(System.err, true), Clock.systemUTC(),
                RemoteDestinationGuard.forSettings(ConfigLoader.parse(NO_PROVIDERS, "test.yaml").security()), heap::get));

        HttpResponse<String> halfFull = gateway.get("/health/ready");
        heap.set(new HeapReading(480L << 20, 512L << 20));
        HttpResponse<String> nearlyFull = gateway.get("/health/ready");
        HttpResponse<String> liveMeanwhile = gateway.get("/health/live");
        heap.set(new HeapReading(100L << 20, 512L << 20));
        HttpResponse<String> recovered = gateway.get("/health/ready");

        assertThat(halfFull.statusCode()).as("half the heap in use is no pressure").isEqualTo(200);
        assertThat(nearlyFull.statusCode()).as("94 % of the heap in use after GC: not ready").isEqualTo(503);
        String memory = Json.parse(nearlyFull.body()).at("/checks/memory").asText();
        assertThat(memory).as("the reason, with the reading and the key of the threshold")
                .startsWith("DOWN").contains("480 MiB of 512 MiB").contains("gateway.readiness_max_heap_percent");
        assertThat(liveMeanwhile.statusCode()).as("a full heap is not a dead process").isEqualTo(200);
        assertThat(recovered.statusCode()).as("ready again once the heap is freed").isEqualTo(200);
    }

    private static String initialize(String capabilities, String clientInfo) {
        return """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":%s,"clientInfo":%s}}""".formatted(capabilities, clientInfo);
    }
}
