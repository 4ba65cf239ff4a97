package dev.jetway.core.domain.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.domain.provider.CircuitStatus;
import dev.jetway.core.domain.resilience.CircuitBreaker.Decision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final CircuitBreaker.Policy POLICY = new CircuitBreaker.Policy(3, Duration.ofSeconds(10));

    static CircuitBreaker openedAt(Instant when) {
        CircuitBreaker cb = CircuitBreaker.closed(POLICY);
        for (int i = 0; i < 3; i++) cb = cb.onFailure(when);
        return cb;
    }

    @Test
    void opensAfterTheConfiguredNumberOfConsecutiveFailures() {
        CircuitBreaker cb = CircuitBreaker.closed(POLICY).onFailure(T0).onFailure(T0);
        assertThat(cb.status()).as("2 of 3 failures").isEqualTo(CircuitStatus.CLOSED);
        assertThat(cb.admit(T0).decision()).isEqualTo(Decision.ALLOWED);

        cb = cb.onFailure(T0);
        assertThat(cb.status()).isEqualTo(CircuitStatus.OPEN);
        assertThat(cb.retryAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void aSuccessInBetweenResetsTheFailureCount() {
        CircuitBreaker cb = CircuitBreaker.closed(POLICY).onFailure(T0).onFailure(T0).onSuccess().onFailure(T0);
        assertThat(cb.status()).isEqualTo(CircuitStatus.CLOSED);
        assertThat(cb.consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void anOpenCircuitRefusesCallsUntilTheResetTimeout() {
        CircuitBreaker open = openedAt(T0);
        assertThat(open.admit(T0.plusSeconds(9)).decision()).isEqualTo(Decision.REJECTED);
    }

    @Test
    void walksClosedOpenHalfOpenClosedWithOneTrialCall() {
        CircuitBreaker open = openedAt(T0);

        CircuitBreaker.Admission trial = open.admit(T0.plusSeconds(10));
        assertThat(trial.decision()).isEqualTo(Decision.TRIAL);
        assertThat(trial.next().status()).isEqualTo(CircuitStatus.HALF_OPEN);
        assertThat(trial.next().admit(T0.plusSeconds(11)).decision())
                .as("a second caller during the trial is refused").isEqualTo(Decision.REJECTED);

        CircuitBreaker closed = trial.next().onSuccess();
        assertThat(closed.status()).isEqualTo(CircuitStatus.CLOSED);
        assertThat(closed.consecutiveFailures()).isZero();
    }

    @Test
    void aFailedTrialReopensTheCircuitForAnotherResetTimeout() {
        CircuitBreaker halfOpen = openedAt(T0).admit(T0.plusSeconds(10)).next();

        CircuitBreaker reopened = halfOpen.onFailure(T0.plusSeconds(12));

        assertThat(reopened.status()).isEqualTo(CircuitStatus.OPEN);
        assertThat(reopened.retryAt()).isEqualTo(T0.plusSeconds(22));
        assertThat(reopened.admit(T0.plusSeconds(15)).permitted()).isFalse();
    }
}
