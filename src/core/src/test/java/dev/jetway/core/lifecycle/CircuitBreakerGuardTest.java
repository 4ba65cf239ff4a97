package dev.jetway.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.domain.provider.CircuitStatus;
import dev.jetway.core.testing.SettableClock;
import dev.jetway.core.upstream.UpstreamErrorException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The circuit breaker around calls: opens after the threshold, fails fast saying when, one trial decides. */
class CircuitBreakerGuardTest {

    final SettableClock clock = SettableClock.at("2026-11-21T10:00:00Z");
    final RecordingStore store = new RecordingStore();
    final ScriptedLauncher launcher = new ScriptedLauncher();
    final EventSourcedLifecycle lifecycle = Lifecycles.of(store, launcher, clock,
            Lifecycles.settings(Duration.ofSeconds(5), 3, Duration.ofSeconds(30)), Map.of("alpha", Lifecycles.ALPHA));

    ObjectNode call() {
        return lifecycle.call("alpha", session -> session.request("tools/call", null, null, null));
    }

    @Test
    void threeServerFaultsOpenTheCircuitAndTheNextCallFailsFastSayingWhenItRetries() {
        call();
        launcher.callsFail = true;
        for (int i = 0; i < 3; i++) assertThatThrownBy(this::call).isInstanceOf(UpstreamErrorException.class);
        int startsBefore = launcher.starts.get();

        assertThatThrownBy(this::call).isInstanceOfSatisfying(CircuitOpenException.class, e -> {
            assertThat(e.retryAt()).isEqualTo(Instant.parse("2026-11-21T10:00:30Z"));
            assertThat(e.getMessage()).contains("alpha", "circuit is open", "3 consecutive", "2026-11-21T10:00:30Z",
                    "in 30 s");
        });
        assertThat(lifecycle.cached("alpha").circuit()).isEqualTo(CircuitStatus.OPEN);
        assertThat(launcher.starts.get()).isEqualTo(startsBefore);
    }

    @Test
    void afterTheResetTimeoutOneTrialCallClosesTheCircuitWhenItSucceeds() {
        call();
        launcher.callsFail = true;
        for (int i = 0; i < 3; i++) assertThatThrownBy(this::call).isInstanceOf(UpstreamErrorException.class);
        launcher.callsFail = false;
        clock.advance(Duration.ofSeconds(30));

        assertThat(call().at("/content/0/text").asText()).isEqualTo("ok from alpha");

        assertThat(lifecycle.cached("alpha").circuit()).isEqualTo(CircuitStatus.CLOSED);
        assertThat(store.eventTypes("alpha")).containsSubsequence("CircuitOpened", "CircuitHalfOpened", "CircuitClosed");
        Lifecycles.assertReplayReproduces(store, lifecycle, clock);
    }

    @Test
    void aFailedTrialReopensTheCircuitForAnotherResetTimeout() {
        call();
        launcher.callsFail = true;
        for (int i = 0; i < 3; i++) assertThatThrownBy(this::call).isInstanceOf(UpstreamErrorException.class);
        clock.advance(Duration.ofSeconds(30));

        assertThatThrownBy(this::call).as("the trial").isInstanceOf(UpstreamErrorException.class);

        assertThatThrownBy(this::call).isInstanceOfSatisfying(CircuitOpenException.class,
                e -> assertThat(e.retryAt()).isEqualTo(Instant.parse("2026-11-21T10:01:00Z")));
        assertThat(store.eventTypes("alpha")).containsSubsequence("CircuitOpened", "CircuitHalfOpened", "CircuitOpened");
    }

    @Test
    void anErrorAboutTheRequestItselfIsNotAFaultOfTheProvider() {
        call();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> lifecycle.call("alpha", session -> {
                throw new UpstreamErrorException("alpha", dev.jetway.core.json.Json.object().put("code", -32602)
                        .put("message", "invalid params"));
            })).isInstanceOf(UpstreamErrorException.class);
        }
        assertThat(lifecycle.cached("alpha").circuit()).isEqualTo(CircuitStatus.CLOSED);
    }
}
