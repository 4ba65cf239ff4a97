package dev.jetway.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.domain.provider.StopReason;
import dev.jetway.core.testing.SettableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Idle collection on a hand-moved clock: stops only what nobody used for its idle TTL. */
class IdleProviderCollectorTest {

    final SettableClock clock = SettableClock.at("2026-11-21T10:00:00Z");
    final RecordingStore store = new RecordingStore();
    final ScriptedLauncher launcher = new ScriptedLauncher();
    final EventSourcedLifecycle lifecycle = Lifecycles.alpha(store, launcher, clock);
    final IdleProviderCollector collector = new IdleProviderCollector(lifecycle);
    final Duration ttl = Duration.ofSeconds(Lifecycles.ALPHA.idleTtlSeconds());

    @Test
    void aProviderUnusedForItsIdleTtlIsStoppedWithReasonIdleAndStartsAgainOnItsNextUse() {
        lifecycle.acquire("alpha");
        clock.advance(ttl);

        assertThat(collector.collect()).containsExactly("alpha");

        assertThat(lifecycle.cached("alpha").state()).isEqualTo(LifecycleState.COLD);
        assertThat(lifecycle.cached("alpha").lastStopReason()).isEqualTo(StopReason.IDLE);
        assertThat(launcher.stops.get()).as("the process was stopped").isEqualTo(1);
        assertThat(lifecycle.acquire("alpha")).as("next use starts it again").isSameAs(launcher.last);
        assertThat(launcher.starts.get()).isEqualTo(2);
        Lifecycles.assertReplayReproduces(store, lifecycle, clock);
    }

    @Test
    void aProviderUsedAMomentAgoIsNeverStopped() {
        lifecycle.acquire("alpha");
        clock.advance(ttl.minusSeconds(1));
        lifecycle.acquire("alpha");
        clock.advance(Duration.ofSeconds(1));

        assertThat(collector.collect()).as("used one second ago").isEmpty();
        assertThat(lifecycle.cached("alpha").state()).isEqualTo(LifecycleState.READY);
        assertThat(launcher.stops.get()).isZero();
    }

    @Test
    void aUseRecordedWhileTheCollectorDecidesMakesTheStopLoseTheRace() {
        lifecycle.acquire("alpha");
        clock.advance(ttl);
        // Another caller's use lands between the collector's read of the state and its append.
        store.beforeNextAppend(() -> lifecycle.acquire("alpha"));

        assertThat(collector.collect()).as("the conditional append refused the stale stop").isEmpty();
        assertThat(store.eventTypes("alpha")).as("the use is recorded, no stop")
                .endsWith("ProviderStarted", "ProviderUsed").doesNotContain("ProviderStopped");
        assertThat(lifecycle.cached("alpha").state()).isEqualTo(LifecycleState.READY);
    }

    @Test
    void aUseIsWrittenAtMostOncePerLastUseWindowNotOnEveryCall() {
        Duration window = EventSourcedLifecycle.lastUseWindow(Lifecycles.ALPHA);
        lifecycle.acquire("alpha");
        clock.advance(window);
        for (int i = 0; i < 50; i++) lifecycle.acquire("alpha");
        clock.advance(window.minusMillis(1));
        for (int i = 0; i < 50; i++) lifecycle.acquire("alpha");
        clock.advance(Duration.ofMillis(1));
        lifecycle.acquire("alpha");

        assertThat(store.eventTypes("alpha").stream().filter("ProviderUsed"::equals).count())
                .as("uses written for 101 calls over two windows").isEqualTo(2);
        assertThat(window).as("a tenth of the default idle TTL of 300 s").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aColdProviderIsLeftAlone() {
        clock.advance(ttl.multipliedBy(10));

        assertThat(collector.collect()).isEmpty();
        assertThat(store.eventTypes("alpha")).containsExactly("ProviderRegistered");
    }
}
