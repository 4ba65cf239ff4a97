package dev.jetway.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.testing.SettableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Health checks on a hand-moved clock: degrade after the threshold, recover, restart with backoff, notice crashes. */
class ProviderHealthMonitorTest {

    final SettableClock clock = SettableClock.at("2026-11-21T10:00:00Z");
    final RecordingStore store = new RecordingStore();
    final ScriptedLauncher launcher = new ScriptedLauncher();
    final EventSourcedLifecycle lifecycle = Lifecycles.alpha(store, launcher, clock);
    final ProviderHealthMonitor monitor = new ProviderHealthMonitor(lifecycle, Lifecycles.BACKOFF,
            Duration.ofSeconds(1), clock);
    final Duration interval = Duration.ofSeconds(Lifecycles.ALPHA.healthCheckIntervalSeconds());

    @Test
    void checksRunOncePerIntervalAndOnlyForProvidersRunningHere() {
        assertThat(monitor.checkDue()).as("nothing runs").isEmpty();
        lifecycle.acquire("alpha");
        assertThat(monitor.checkDue()).as("first sight starts the interval").isEmpty();
        clock.advance(interval.minusSeconds(1));
        assertThat(monitor.checkDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.checkDue()).extracting(HealthCheckResult::outcome).containsExactly(HealthCheckResult.Outcome.PASSED);
    }

    @Test
    void consecutiveFailedPingsDegradeTheProviderAndAPassingOneRecoversIt() {
        lifecycle.acquire("alpha");
        launcher.pingsFail = true;
        int max = Lifecycles.ALPHA.maxConsecutiveFailures();
        for (int i = 1; i < max; i++) {
            assertThat(monitor.check("alpha").state()).as("after %d failures", i).isEqualTo(LifecycleState.READY);
        }
        assertThat(monitor.check("alpha").state()).as("after %d failures", max).isEqualTo(LifecycleState.DEGRADED);

        launcher.pingsFail = false;
        HealthCheckResult recovered = monitor.check("alpha");

        assertThat(recovered.state()).isEqualTo(LifecycleState.READY);
        assertThat(store.eventTypes("alpha")).containsSubsequence("HealthCheckFailed", "ProviderDegraded",
                "HealthCheckPassed", "ProviderRecovered");
        Lifecycles.assertReplayReproduces(store, lifecycle, clock);
    }

    @Test
    void aDegradedProviderThatKeepsFailingIsRestartedOnlyOnceItsBackoffHasPassed() {
        lifecycle.acquire("alpha");
        launcher.pingsFail = true;
        for (int i = 0; i < Lifecycles.ALPHA.maxConsecutiveFailures(); i++) monitor.check("alpha");
        assertThat(lifecycle.cached("alpha").state()).isEqualTo(LifecycleState.DEGRADED);

        HealthCheckResult early = monitor.check("alpha");
        assertThat(early.outcome()).as("within the first backoff of 1 s").isEqualTo(HealthCheckResult.Outcome.FAILED);
        assertThat(early.detail()).contains("restart not before");
        clock.advance(Duration.ofSeconds(1));

        HealthCheckResult restarted = monitor.check("alpha");

        assertThat(restarted.outcome()).isEqualTo(HealthCheckResult.Outcome.RESTARTED);
        assertThat(launcher.starts.get()).isEqualTo(2);
        assertThat(lifecycle.cached("alpha").state()).isEqualTo(LifecycleState.READY);
        for (int i = 0; i < Lifecycles.ALPHA.maxConsecutiveFailures(); i++) monitor.check("alpha");
        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.check("alpha").outcome()).as("the second restart waits 2 s, not 1 s")
                .isEqualTo(HealthCheckResult.Outcome.FAILED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.check("alpha").outcome()).isEqualTo(HealthCheckResult.Outcome.RESTARTED);
        assertThat(launcher.starts.get()).isEqualTo(3);
        Lifecycles.assertReplayReproduces(store, lifecycle, clock);
    }

    @Test
    void aSessionThatDiedIsACrashRecordedAsAFailureStopAndTheNextCallStartsAFreshOne() {
        lifecycle.acquire("alpha");
        launcher.last.die();

        HealthCheckResult check = monitor.check("alpha");

        assertThat(check.outcome()).isEqualTo(HealthCheckResult.Outcome.CRASHED);
        assertThat(check.state()).isEqualTo(LifecycleState.DEAD);
        assertThat(store.delegate.read("provider#alpha").getLast().data().path("detail").asText())
                .isEqualTo("crashed: the process exited with status 137");
        assertThat(lifecycle.acquire("alpha").isOpen()).isTrue();
        assertThat(launcher.starts.get()).isEqualTo(2);
        Lifecycles.assertReplayReproduces(store, lifecycle, clock);
    }
}
