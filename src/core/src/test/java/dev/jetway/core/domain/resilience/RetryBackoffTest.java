package dev.jetway.core.domain.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void doublesFromTheInitialDelayUntilTheCap() {
        assertThat(backoff.delayBefore(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayBefore(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayBefore(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delayBefore(6)).as("32 s is past the cap").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void neverOverflowsForLargeAttemptNumbers() {
        assertThat(backoff.delayBefore(1_000_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesAttemptZeroAndACapBelowTheInitialDelay() {
        assertThatThrownBy(() -> backoff.delayBefore(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
