package dev.jetway.core.domain.resilience;

import dev.jetway.core.domain.provider.CircuitStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A circuit breaker as an immutable value: CLOSED counts consecutive failures and opens at
 * {@code failureThreshold}; OPEN refuses calls until {@code resetTimeout} has passed, then lets
 * exactly one trial call through (HALF_OPEN); the trial's success closes the circuit and its
 * failure re-opens it for another {@code resetTimeout}. Every method returns the next value; the
 * caller keeps it (in memory per instance, with transitions recorded as provider events).
 */
public record CircuitBreaker(
        Policy policy, CircuitStatus status, int consecutiveFailures, Instant openedAt, boolean trialInFlight) {

    public CircuitBreaker {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(status, "status");
        if (status != CircuitStatus.CLOSED) Objects.requireNonNull(openedAt, "openedAt of a non-closed circuit");
    }

    public static CircuitBreaker closed(Policy policy) {
        return new CircuitBreaker(policy, CircuitStatus.CLOSED, 0, null, false);
    }

    /** When an OPEN circuit lets its next trial call through. */
    public Instant retryAt() {
        return openedAt == null ? null : openedAt.plus(policy.resetTimeout());
    }

    /** Asks to make one call at {@code now}. */
    public Admission admit(Instant now) {
        return switch (status) {
            case CLOSED -> new Admission(this, Decision.ALLOWED);
            case OPEN -> now.isBefore(retryAt())
                    ? new Admission(this, Decision.REJECTED)
                    : new Admission(new CircuitBreaker(policy, CircuitStatus.HALF_OPEN, consecutiveFailures, openedAt, true),
                            Decision.TRIAL);
            // One trial at a time: while it runs, everybody else is refused.
            case HALF_OPEN -> trialInFlight
                    ? new Admission(this, Decision.REJECTED)
                    : new Admission(new CircuitBreaker(policy, status, consecutiveFailures, openedAt, true), Decision.TRIAL);
        };
    }

    public CircuitBreaker onSuccess() {
        return closed(policy);
    }

    public CircuitBreaker onFailure(Instant now) {
        return switch (status) {
            case CLOSED -> consecutiveFailures + 1 >= policy.failureThreshold()
                    ? new CircuitBreaker(policy, CircuitStatus.OPEN, consecutiveFailures + 1, now, false)
                    : new CircuitBreaker(policy, status, consecutiveFailures + 1, null, false);
            case HALF_OPEN, OPEN -> new CircuitBreaker(policy, CircuitStatus.OPEN, consecutiveFailures + 1, now, false);
        };
    }

    public enum Decision { ALLOWED, TRIAL, REJECTED }

    /** The decision for one call and the breaker to keep afterwards. */
    public record Admission(CircuitBreaker next, Decision decision) {
        public boolean permitted() {
            return decision != Decision.REJECTED;
        }
    }

    public record Policy(int failureThreshold, Duration resetTimeout) {
        public static final Policy DEFAULT = new Policy(5, Duration.ofSeconds(30));

        public Policy {
            if (failureThreshold < 1) throw new IllegalArgumentException("failureThreshold must be >= 1");
            Objects.requireNonNull(resetTimeout, "resetTimeout");
            if (resetTimeout.isNegative() || resetTimeout.isZero()) {
                throw new IllegalArgumentException("resetTimeout must be positive");
            }
        }
    }
}
