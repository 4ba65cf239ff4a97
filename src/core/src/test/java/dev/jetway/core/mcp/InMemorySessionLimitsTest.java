package dev.jetway.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jetway.core.config.SessionLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store never holds more sessions than its limits allow, in total or of one owner,
 * however many arrive at once; expired sessions neither count against a limit nor stay in memory
 * past a sweep.
 */
class InMemorySessionLimitsTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    private static final SessionExpiry TEN_MINUTES = SessionExpiry.idleAfter(Duration.ofMinutes(10));

    private static Session session(String id, String owner, Instant now) {
        return Session.open(id, "2025-11-25", null, null, now, TEN_MINUTES, owner);
    }

    @Test
    void aCallerAtItsLimitIsRefusedNamingTheKeyWhileAnotherCallerStillGetsASession() {
        InMemorySessionStore store = new InMemorySessionStore(new SessionLimits(100, 2, 8192, 8192));
        store.put(session("a-1", "key:alice", T0));
        store.put(session("a-2", "key:alice", T0.plusSeconds(30)));

        SessionLimitException refused = catchThrowableOfType(SessionLimitException.class,
                () -> store.put(session("a-3", "key:alice", T0.plusSeconds(60))));
        store.put(session("b-1", "key:bob", T0.plusSeconds(60)));

        assertThat(refused.scope()).isEqualTo(SessionLimitException.Scope.CALLER);
        assertThat(refused.configKey()).isEqualTo("gateway.max_sessions_per_caller");
        assertThat(refused.getMessage()).as("says what to do about it").contains("2 sessions").contains("DELETE");
        assertThat(refused.retryAfter()).as("until Alice's first session expires unless used")
                .isEqualTo(Duration.ofMinutes(9));
        assertThat(store.find("a-3", T0.plusSeconds(61))).as("a refused session is not stored").isEmpty();
        assertThat(store.find("b-1", T0.plusSeconds(61))).as("Bob is not held back by Alice's sessions").isPresent();
    }

    @Test
    void theGatewayAtItsLimitRefusesEveryCallerWithTheGatewayScope() {
        InMemorySessionStore store = new InMemorySessionStore(new SessionLimits(2, 100, 8192, 8192));
        store.put(session("a-1", "key:alice", T0));
        store.put(session("b-1", "key:bob", T0));

        SessionLimitException refused = catchThrowableOfType(SessionLimitException.class,
                () -> store.put(session("c-1", "key:carol", T0)));

        assertThat(refused.scope()).isEqualTo(SessionLimitException.Scope.GATEWAY);
        assertThat(refused.configKey()).isEqualTo("gateway.max_sessions");
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void expiredSessionsDoNotCountAgainstALimit() {
        InMemorySessionStore store = new InMemorySessionStore(new SessionLimits(2, 2, 8192, 8192));
        store.put(session("a-1", "key:alice", T0));
        store.put(session("a-2", "key:alice", T0));
        Instant afterExpiry = T0.plus(Duration.ofMinutes(11));

        store.put(session("a-3", "key:alice", afterExpiry));
        store.put(session("b-1", "key:bob", afterExpiry));

        assertThat(store.size()).as("the two expired sessions made room for the new ones").isEqualTo(2);
    }

    @Test
    void aSweepDropsExpiredSessionsThatNobodyLookedForAndSaysWhichAndKeepsTheLiveOnes() {
        InMemorySessionStore store = new InMemorySessionStore();
        store.put(session("old-1", "key:alice", T0));
        store.put(session("old-2", "anonymous", T0));
        store.put(session("new-1", "key:alice", T0.plus(Duration.ofMinutes(5))));

        List<String> swept = store.sweepExpired(T0.plus(Duration.ofMinutes(10)));

        assertThat(swept).containsExactlyInAnyOrder("old-1", "old-2");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.find("new-1", T0.plus(Duration.ofMinutes(10)))).isPresent();
    }

    @Test
    void aRemovedOrSweptSessionGivesItsPlaceBackToItsOwner() {
        InMemorySessionStore store = new InMemorySessionStore(new SessionLimits(100, 1, 8192, 8192));
        store.put(session("a-1", "key:alice", T0));
        store.remove("a-1", T0);
        store.put(session("a-2", "key:alice", T0));
        store.sweepExpired(T0.plus(Duration.ofMinutes(10)));

        store.put(session("a-3", "key:alice", T0.plus(Duration.ofMinutes(10))));

        assertThat(store.size()).isEqualTo(1);
        assertThatThrownBy(() -> store.put(session("a-4", "key:alice", T0.plus(Duration.ofMinutes(10)))))
                .as("and the limit still holds").isInstanceOf(SessionLimitException.class);
    }

    @Test
    void twoHundredInitializesReleasedAtOnceGetExactlyTheCallersLimitOfSessions() throws Exception {
        InMemorySessionStore store = new InMemorySessionStore(new SessionLimits(10_000, 50, 8192, 8192));
        int threads = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                String id = "s-" + i;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.put(session(id, "key:alice", T0));
                        return true;
                    } catch (SessionLimitException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            long stored = 0;
            for (Future<Boolean> outcome : outcomes) if (outcome.get()) stored++;

            assertThat(stored).as("every thread was either stored or refused, and exactly 50 were stored").isEqualTo(50);
            assertThat(store.size()).isEqualTo(50);
        }
    }
}
