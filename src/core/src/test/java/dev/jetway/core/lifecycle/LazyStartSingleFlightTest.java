package dev.jetway.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.config.LifecycleSettings;
import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.testing.SettableClock;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Lazy start with single flight: the conditional COLD → INITIALIZING append picks the one starter. */
class LazyStartSingleFlightTest {

    final SettableClock clock = SettableClock.at("2026-11-21T10:00:00Z");
    final RecordingStore store = new RecordingStore();
    final ScriptedLauncher launcher = new ScriptedLauncher();

    /** Releases all callers at once and returns each caller's outcome (a session or the exception). */
    static List<Object> releaseTogether(int callers, java.util.function.IntFunction<UpstreamSession> call)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                int caller = i;
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return call.apply(caller);
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            ready.await();
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) outcomes.add(f.get());
            return outcomes;
        }
    }

    @Test
    void sixteenConcurrentFirstCallsStartAColdProviderExactlyOnceAndAllSucceed() throws Exception {
        EventSourcedLifecycle lifecycle = Lifecycles.alpha(store, launcher, clock);
        launcher.startGate = new CountDownLatch(1);
        // Holding the start a moment makes most callers meet it INITIALIZING; the assertions hold whatever the timing.
        Thread opener = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            launcher.startGate.countDown();
        });

        List<Object> outcomes = releaseTogether(16, i -> lifecycle.acquire("alpha"));
        opener.join();

        assertThat(outcomes).as("every caller gets a session").allMatch(o -> o instanceof UpstreamSession);
        assertThat(outcomes).as("all share the one started session").containsOnly(launcher.last);
        assertThat(launcher.starts.get()).as("launches").isEqualTo(1);
        assertThat(store.eventTypes("alpha")).as("one start in the stream")
                .containsExactly("ProviderRegistered", "ProviderStartRequested", "ProviderStarted");
        Lifecycles.assertReplayReproduces(store, lifecycle, clock);
    }

    @Test
    void twoGatewayInstancesSharingOneStoreStartTheProviderOnceAndTheOtherAttaches() throws Exception {
        EventSourcedLifecycle first = Lifecycles.alpha(store, launcher, clock);
        EventSourcedLifecycle second = Lifecycles.alpha(store, launcher, clock);
        launcher.startGate = new CountDownLatch(1);
        Thread opener = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            launcher.startGate.countDown();
        });

        List<Object> outcomes = releaseTogether(16, i -> (i % 2 == 0 ? first : second).acquire("alpha"));
        opener.join();

        assertThat(outcomes).as("callers on both instances get a session").allMatch(o -> o instanceof UpstreamSession);
        assertThat(launcher.starts.get()).as("launches across both instances").isEqualTo(1);
        assertThat(launcher.attaches.get()).as("the instance that lost the race attaches once").isEqualTo(1);
        assertThat(store.eventTypes("alpha")).as("registered once, started once")
                .containsExactly("ProviderRegistered", "ProviderStartRequested", "ProviderStarted");
        Lifecycles.assertReplayReproduces(store, first, clock);
    }

    @Test
    void aCallerThatOutwaitsTheStartBudgetGetsARetryableErrorAndTheStartGoesOn() throws Exception {
        LifecycleSettings shortWait = Lifecycles.settings(Duration.ofMillis(300), 5, Duration.ofSeconds(30));
        EventSourcedLifecycle lifecycle = Lifecycles.of(store, launcher, clock, shortWait, Map.of("alpha", Lifecycles.ALPHA));
        launcher.startGate = new CountDownLatch(1);

        assertThatThrownBy(() -> lifecycle.acquire("alpha"))
                .isInstanceOfSatisfying(ProviderNotReadyException.class, e -> {
                    assertThat(e.provider()).isEqualTo("alpha");
                    assertThat(e.state()).isEqualTo(LifecycleState.INITIALIZING);
                    assertThat(e.getMessage()).contains("alpha", "INITIALIZING", "retry");
                })
                .as("a ProviderUnavailableException, so every caller maps it to a tool error")
                .isInstanceOf(ProviderUnavailableException.class);

        launcher.startGate.countDown();
        assertThat(lifecycle.acquire("alpha")).as("the start went on in the background").isSameAs(launcher.last);
        assertThat(launcher.starts.get()).isEqualTo(1);
    }

    @Test
    void theHotPathOfAReadyProviderReadsNothingFromTheStore() {
        EventSourcedLifecycle lifecycle = Lifecycles.alpha(store, launcher, clock);
        lifecycle.acquire("alpha");
        int readsAfterStart = store.reads.get();
        int appendsAfterStart = store.appends.get();

        for (int i = 0; i < 1_000; i++) lifecycle.call("alpha", session -> session.request("tools/call", null, null, null));

        assertThat(store.reads.get()).as("store reads for 1000 calls within one last-use window").isEqualTo(readsAfterStart);
        assertThat(store.appends.get()).as("appends for 1000 calls within one last-use window").isEqualTo(appendsAfterStart);
    }

    @Test
    void aFailedStartLeavesTheProviderDeadUntilItsBackoffHasPassedThenTheNextCallStartsIt() {
        EventSourcedLifecycle lifecycle = Lifecycles.alpha(store, launcher, clock);
        launcher.failingStarts.set(1);

        assertThatThrownBy(() -> lifecycle.acquire("alpha")).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("exit status 1");
        assertThat(lifecycle.cached("alpha").state()).isEqualTo(LifecycleState.DEAD);
        assertThatThrownBy(() -> lifecycle.acquire("alpha")).as("within the backoff: fail fast, say when")
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("DEAD").hasMessageContaining("next start is tried after 2026-11-21T10:00:01Z");
        assertThat(launcher.starts.get()).as("no start during the backoff").isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(lifecycle.acquire("alpha")).isSameAs(launcher.last);
        assertThat(launcher.starts.get()).isEqualTo(2);
        assertThat(store.eventTypes("alpha")).containsExactly("ProviderRegistered", "ProviderStartRequested",
                "ProviderStartFailed", "ProviderStartRequested", "ProviderStarted");
        Lifecycles.assertReplayReproduces(store, lifecycle, clock);
    }
}
