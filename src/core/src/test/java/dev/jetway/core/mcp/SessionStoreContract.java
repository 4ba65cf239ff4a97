package dev.jetway.core.mcp;

import static dev.jetway.core.mcp.FrontDoorHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.security.Caller;
import dev.jetway.core.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} must do, stated once and run against each implementation. The
 * last tests put the store behind two front doors that share nothing else, as two gateway
 * instances behind a load balancer would.
 */
public abstract class SessionStoreContract {

    /**
     * Test time starts a day ahead of the wall clock: a store with a real TTL sweeper (DynamoDB,
     * DynamoDB Local) deletes items whose expiry is behind the wall clock, whatever our clock says.
     */
    private static final Instant T0 = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    private static final String PROVIDERS = """
            gateway: {background_discovery: false, session_idle_ttl_s: 60}
            providers:
              alpha: {mode: remote, url: "http://alpha.invalid/mcp"}
            """;

    /** A store with no sessions; each test gets a new one. */
    protected abstract SessionStore newStore();

    private static Session session(String id, Instant now) {
        ObjectNode info = (ObjectNode) Json.parse("{\"name\":\"claude\",\"version\":\"1.2\",\"x-vendor\":{\"deep\":[1]}}");
        ObjectNode capabilities = (ObjectNode) Json.parse("{\"sampling\":{},\"elicitation\":{\"form\":{}}}");
        return Session.open(id, "2025-06-18", info, capabilities, now, SessionExpiry.idleAfter(Duration.ofMinutes(10)),
                "key:alice");
    }

    // ---- the store on its own ---------------------------------------------------------------

    @Test
    public void aStoredSessionIsFoundWithEverythingItHeld() {
        SessionStore store = newStore();
        Session stored = session("s-1", T0).withLogLevel("warning");

        store.put(stored);

        assertThat(store.find("s-1", T0.plusSeconds(1))).as("version, client info, capabilities, level, times, owner")
                .contains(stored);
    }

    @Test
    public void theOwnerOfASessionSurvivesARefresh() {
        SessionStore store = newStore();
        store.put(session("s-8", T0));
        Instant later = T0.plus(Duration.ofMinutes(9));

        store.replace(store.find("s-8", later).orElseThrow().refreshed(later, later.plus(Duration.ofMinutes(10))));

        Session found = store.find("s-8", later.plusSeconds(1)).orElseThrow();
        assertThat(found.owner()).as("a refresh must not lose who may use the session").isEqualTo("key:alice");
        assertThat(found.isOwnedBy("key:alice")).isTrue();
        assertThat(found.isOwnedBy("key:bob")).isFalse();
    }

    @Test
    public void anUnknownSessionIsNotFound() {
        assertThat(newStore().find("never-opened", T0)).isEmpty();
    }

    @Test
    public void aSessionIsGoneFromTheSecondItExpiresEvenIfTheStoreHasNotDeletedItYet() {
        SessionStore store = newStore();
        Session stored = session("s-2", T0);
        store.put(stored);

        assertThat(store.find("s-2", stored.expiresAt().minusMillis(1))).isPresent();
        assertThat(store.find("s-2", stored.expiresAt())).as("expired sessions answer 404 at once").isEmpty();
    }

    @Test
    public void replaceStoresTheNewStateOfALiveSession() {
        SessionStore store = newStore();
        store.put(session("s-3", T0));
        Instant later = T0.plus(Duration.ofMinutes(9));
        Session refreshed = session("s-3", T0).withLogLevel("debug").refreshed(later, later.plus(Duration.ofMinutes(10)));

        boolean replaced = store.replace(refreshed);

        assertThat(replaced).isTrue();
        assertThat(store.find("s-3", T0.plus(Duration.ofMinutes(15)))).as("alive past its first expiry")
                .contains(refreshed);
    }

    @Test
    public void replaceNeverBringsBackARemovedSession() {
        SessionStore store = newStore();
        store.put(session("s-4", T0));
        store.remove("s-4", T0);

        boolean replaced = store.replace(session("s-4", T0).refreshed(T0.plusSeconds(5), T0.plusSeconds(600)));

        assertThat(replaced).isFalse();
        assertThat(store.find("s-4", T0.plusSeconds(6))).as("a request racing a DELETE must not resurrect it").isEmpty();
    }

    @Test
    public void replaceNeverBringsBackAnExpiredSession() {
        SessionStore store = newStore();
        Session stored = session("s-5", T0);
        store.put(stored);
        Instant afterExpiry = stored.expiresAt().plusSeconds(1);

        boolean replaced = store.replace(stored.refreshed(afterExpiry, afterExpiry.plusSeconds(600)));

        assertThat(replaced).isFalse();
        assertThat(store.find("s-5", afterExpiry)).isEmpty();
    }

    @Test
    public void removeEndsASessionOnceAndSaysWhetherThereWasOne() {
        SessionStore store = newStore();
        store.put(session("s-6", T0));

        assertThat(store.remove("s-6", T0.plusSeconds(1))).isTrue();
        assertThat(store.remove("s-6", T0.plusSeconds(2))).as("a second DELETE finds nothing").isFalse();
        assertThat(store.find("s-6", T0.plusSeconds(3))).isEmpty();
    }

    @Test
    public void removingAnExpiredSessionSaysThereWasNone() {
        SessionStore store = newStore();
        Session stored = session("s-7", T0);
        store.put(stored);

        assertThat(store.remove("s-7", stored.expiresAt().plusSeconds(1))).isFalse();
    }

    // ---- the store behind front doors --------------------------------------------------------

    @Test
    public void aSessionInitializedOnOneFrontDoorContinuesOnAnotherThatSharesOnlyTheStore() {
        SessionStore store = newStore();
        SettableClock clock = new SettableClock(T0);
        FrontDoorHarness first = new FrontDoorHarness(PROVIDERS, store, clock);
        FrontDoorHarness second = new FrontDoorHarness(PROVIDERS, store, clock);
        first.providers.script("alpha", ScriptedProviders.toolProvider("echo"));
        second.providers.script("alpha", ScriptedProviders.toolProvider("echo"));
        String session = first.initialize("2025-11-25");

        ObjectNode called = second.call(session,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"alpha__echo\"}}");
        ObjectNode listed = second.call(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
        FrontDoorResponse deleted = second.send("DELETE", FrontDoor.SESSION_HEADER, session);
        FrontDoorResponse afterOnFirst = first.post("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}",
                FrontDoor.SESSION_HEADER, session);
        FrontDoorResponse afterOnSecond = second.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}",
                FrontDoor.SESSION_HEADER, session);

        assertThat(called.at("/result/content/0/text").asText()).isEqualTo("called echo");
        assertThat(listed.at("/result/tools/0/name").asText()).isEqualTo("alpha__echo");
        assertThat(first.providers.startsOf("alpha")).as("the second instance served it with its own providers").isZero();
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(afterOnFirst.status()).as("a DELETE on one instance ends the session on all").isEqualTo(404);
        assertThat(json(afterOnFirst).at("/error/code").asInt()).isEqualTo(JsonRpc.SESSION_NOT_FOUND);
        assertThat(afterOnSecond.status()).isEqualTo(404);
    }

    @Test
    public void aSessionOpenedByOneCallerIsUnknownToAnotherCallerOnEveryInstanceAndStillWorksForItsOwner() {
        SessionStore store = newStore();
        SettableClock clock = new SettableClock(T0);
        FrontDoorHarness first = new FrontDoorHarness(PROVIDERS, store, clock);
        FrontDoorHarness second = new FrontDoorHarness(PROVIDERS, store, clock);
        Caller alice = new Caller("key:alice", Set.of(), Set.of());
        Caller bob = new Caller("key:bob", Set.of(), Set.of());
        String session = first.initializeAs(alice, "2025-11-25");
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";
        FrontDoorResponse unknown = second.postAs(bob, ping, FrontDoor.SESSION_HEADER, "never-opened");

        FrontDoorResponse bobsPost = second.postAs(bob, ping, FrontDoor.SESSION_HEADER, session);
        FrontDoorResponse bobsGet = second.sendAs(bob, "GET", FrontDoor.SESSION_HEADER, session);
        FrontDoorResponse bobsDelete = second.sendAs(bob, "DELETE", FrontDoor.SESSION_HEADER, session);
        FrontDoorResponse alicesPost = second.postAs(alice, ping, FrontDoor.SESSION_HEADER, session);

        assertThat(bobsPost.status()).as("another caller's session id is answered as unknown").isEqualTo(404);
        assertThat(((FrontDoorResponse.Complete) bobsPost).bodyText()).as("byte for byte like a session that never existed")
                .isEqualTo(((FrontDoorResponse.Complete) unknown).bodyText());
        assertThat(bobsGet.status()).as("no event stream on another caller's session").isEqualTo(404);
        assertThat(bobsDelete.status()).as("another caller cannot end the session").isEqualTo(404);
        assertThat(alicesPost.status()).as("the owner's session is untouched").isEqualTo(200);
        assertThat(store.find(session, clock.instant()).map(Session::owner)).contains("key:alice");
    }

    @Test
    public void whatTheClientSaidAtInitializeAndItsLogLevelAreStoredForOtherInstances() {
        SessionStore store = newStore();
        SettableClock clock = new SettableClock(T0);
        FrontDoorHarness first = new FrontDoorHarness(PROVIDERS, store, clock);
        FrontDoorHarness second = new FrontDoorHarness(PROVIDERS, store, clock);
        String session = first.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26",
                 "capabilities":{"roots":{"listChanged":true}},"clientInfo":{"name":"inspector","version":"0.9"}}}""")
                .headers().get(FrontDoor.SESSION_HEADER);

        second.call(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"error\"}}");
        FrontDoorResponse batchOnSecond = second.post("[{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}]",
                FrontDoor.SESSION_HEADER, session);

        Session stored = store.find(session, clock.instant()).orElseThrow();
        assertThat(stored.protocolVersion()).isEqualTo("2025-03-26");
        assertThat(Json.write(stored.clientInfo())).isEqualTo("{\"name\":\"inspector\",\"version\":\"0.9\"}");
        assertThat(Json.write(stored.clientCapabilities())).isEqualTo("{\"roots\":{\"listChanged\":true}}");
        assertThat(stored.logLevel()).isEqualTo("error");
        assertThat(batchOnSecond.status()).as("the other instance applies the negotiated version's rules (batches in 2025-03-26)")
                .isEqualTo(200);
    }

    @Test
    public void aSessionInUseOutlivesItsIdleTimeAndAnIdleOneEndsWith404() {
        SessionStore store = newStore();
        SettableClock clock = new SettableClock(T0);
        FrontDoorHarness door = new FrontDoorHarness(PROVIDERS, store, clock);
        String session = door.initialize("2025-11-25");
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

        clock.advance(Duration.ofSeconds(50));
        int usedAt50s = door.post(ping, FrontDoor.SESSION_HEADER, session).status();
        clock.advance(Duration.ofSeconds(50));
        int usedAt100s = door.post(ping, FrontDoor.SESSION_HEADER, session).status();
        clock.advance(Duration.ofSeconds(61));
        int idleFor61s = door.post(ping, FrontDoor.SESSION_HEADER, session).status();

        assertThat(usedAt50s).isEqualTo(200);
        assertThat(usedAt100s).as("each use pushes the 60 s idle expiry forward").isEqualTo(200);
        assertThat(idleFor61s).as("idle longer than session_idle_ttl_s").isEqualTo(404);
    }

    @Test
    public void theExpiryIsWrittenAtMostOncePerRefreshIntervalNotOnEveryRequest() {
        CountingStore store = new CountingStore(newStore());
        SettableClock clock = new SettableClock(T0);
        FrontDoorHarness door = new FrontDoorHarness(PROVIDERS, store, clock);
        String session = door.initialize("2025-11-25");
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        // session_idle_ttl_s 60 gives a refresh interval of 6 s (a tenth of it).

        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMillis(250));
            door.post(ping, FrontDoor.SESSION_HEADER, session);
        }
        int writesWithin5s = store.replaces.get();
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) door.post(ping, FrontDoor.SESSION_HEADER, session);
        int writesAfter6s = store.replaces.get();

        assertThat(writesWithin5s).as("no write within the first refresh interval").isZero();
        assertThat(writesAfter6s).as("one write once the interval has passed, however many requests").isEqualTo(1);
    }

    /** Counts writes to the store under test. */
    private static final class CountingStore implements SessionStore {
        final SessionStore inner;
        final AtomicInteger replaces = new AtomicInteger();

        CountingStore(SessionStore inner) {
            this.inner = inner;
        }

        @Override
        public void put(Session session) {
            inner.put(session);
        }

        @Override
        public Optional<Session> find(String id, Instant now) {
            return inner.find(id, now);
        }

        @Override
        public boolean replace(Session session) {
            replaces.incrementAndGet();
            return inner.replace(session);
        }

        @Override
        public boolean remove(String id, Instant now) {
            return inner.remove(id, now);
        }
    }
}
