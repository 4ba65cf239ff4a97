package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.domain.provider.CircuitStatus;
import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.json.Json;
import dev.jetway.core.lifecycle.HealthCheckResult;
import dev.jetway.core.lifecycle.LifecycleRuntime;
import dev.jetway.core.testing.SettableClock;
import dev.jetway.core.upstream.UpstreamErrorException;
import dev.jetway.core.upstream.UpstreamListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real provider that fails on demand (fixtures/flaky-server.mjs, a stdio child process) behind the
 * circuit breaker and the health checks; time moves by hand.
 */
class FlakyProviderTest {

    @TempDir
    Path dir;
    Path control;
    final SettableClock clock = SettableClock.at("2026-11-21T10:00:00Z");
    final CountingLauncher launcher = CountingLauncher.subprocesses();
    LifecycleRuntime runtime;

    @BeforeEach
    void start() throws IOException {
        control = dir.resolve("control");
        Files.writeString(control, "ok");
        runtime = LifecycleRuntime.create(ConfigLoader.parse("""
                gateway: {background_discovery: false, circuit_failure_threshold: 3, circuit_reset_s: 30}
                providers:
                  flaky:
                    mode: subprocess
                    command: [node, "%s"]
                    env: {FLAKY_CONTROL: "%s"}
                    health_check_interval_s: 10
                    max_consecutive_failures: 2
                """.formatted(TestTools.fixture("flaky-server.mjs"), control), "test.yaml"),
                new InMemoryEventStore(), launcher, clock);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    void failing(boolean on) throws IOException {
        Files.writeString(control, on ? "fail" : "ok");
    }

    ObjectNode work() {
        return runtime.gateway().route("tools/call", (ObjectNode) Json.parse("{\"name\":\"flaky__work\"}"),
                UpstreamListener.NONE);
    }

    @Test
    void failuresOpenTheCircuitCallsThenFailFastWithoutReachingTheProviderAndATrialClosesIt() throws IOException {
        assertThat(work().at("/content/0/text").asText()).isEqualTo("worked (call 1)");
        failing(true);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(this::work).as("failure %d reaches the client as the provider's error", i + 1)
                    .isInstanceOf(UpstreamErrorException.class).hasMessageContaining("failing on demand");
        }

        ObjectNode fastFailure = work();

        assertThat(fastFailure.path("isError").asBoolean()).isTrue();
        assertThat(fastFailure.at("/content/0/text").asText()).contains("flaky", "circuit is open",
                "until 2026-11-21T10:00:30Z", "in 30 s");
        assertThat(runtime.lifecycle().refresh("flaky").circuit()).isEqualTo(CircuitStatus.OPEN);

        failing(false);
        clock.advance(Duration.ofSeconds(30));
        assertThat(work().at("/content/0/text").asText()).as("the trial call: the fast failure never reached it")
                .isEqualTo("worked (call 5)");
        assertThat(runtime.lifecycle().refresh("flaky").circuit()).isEqualTo(CircuitStatus.CLOSED);
        assertThat(Streams.types(runtime.store(), "flaky")).containsSubsequence("CircuitOpened", "CircuitHalfOpened",
                "CircuitClosed");
        assertThat(launcher.starts.get()).as("the circuit never restarted the provider").isEqualTo(1);
        Streams.assertReplayReproducesEveryState(runtime, clock);
    }

    @Test
    void failingPingsDegradeTheProviderAndItRecoversWhenTheyPassAgain() throws IOException {
        work();
        runtime.health().checkDue();
        failing(true);
        clock.advance(Duration.ofSeconds(10));
        assertThat(runtime.health().checkDue()).extracting(HealthCheckResult::state).containsExactly(LifecycleState.READY);
        clock.advance(Duration.ofSeconds(10));
        assertThat(runtime.health().checkDue()).extracting(HealthCheckResult::state).containsExactly(LifecycleState.DEGRADED);

        failing(false);
        clock.advance(Duration.ofSeconds(10));
        assertThat(runtime.health().checkDue()).extracting(HealthCheckResult::state).containsExactly(LifecycleState.READY);

        assertThat(Streams.types(runtime.store(), "flaky")).containsSubsequence("HealthCheckFailed", "HealthCheckFailed",
                "ProviderDegraded", "HealthCheckPassed", "ProviderRecovered");
        assertThat(Streams.lastData(runtime.store(), "flaky", "ProviderDegraded").path("reason").asText())
                .contains("2 consecutive health checks failed", "failing on demand");
        Streams.assertReplayReproducesEveryState(runtime, clock);
    }

    @Test
    void aDegradedProviderThatKeepsFailingIsRestartedAsANewProcessAfterItsBackoff() throws IOException {
        work();
        failing(true);
        runtime.health().check("flaky");
        runtime.health().check("flaky");
        assertThat(runtime.lifecycle().cached("flaky").state()).isEqualTo(LifecycleState.DEGRADED);
        long firstPid = ((SubprocessSession) runtime.lifecycle().launchedHere("flaky").orElseThrow().session()).pid();

        clock.advance(Duration.ofSeconds(1));
        HealthCheckResult restart = runtime.health().check("flaky");

        assertThat(restart.outcome()).isEqualTo(HealthCheckResult.Outcome.RESTARTED);
        assertThat(launcher.starts.get()).isEqualTo(2);
        long secondPid = ((SubprocessSession) runtime.lifecycle().launchedHere("flaky").orElseThrow().session()).pid();
        assertThat(secondPid).isNotEqualTo(firstPid);
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).as("old process stopped").isFalse();
        Streams.assertReplayReproducesEveryState(runtime, clock);
    }
}
