package dev.jetway.core.domain.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * Capped exponential backoff between start or recovery attempts: attempt 1 waits {@code initial},
 * each later attempt waits twice as long as the one before, never more than {@code cap}.
 */
public record RetryBackoff(Duration initial, Duration cap) {

    public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    public RetryBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(cap, "cap");
        if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("initial must be positive");
        if (cap.compareTo(initial) < 0) throw new IllegalArgumentException("cap must be >= initial");
    }

    /** The wait before attempt {@code attempt} (1-based). */
    public Duration delayBefore(int attempt) {
        if (attempt < 1) throw new IllegalArgumentException("attempt is 1-based, got " + attempt);
        // Past 62 doublings a long overflows; the cap is reached long before for any sane initial.
        int doublings = Math.min(attempt - 1, 62);
        long factor = 1L << doublings;
        if (initial.toNanos() > cap.toNanos() / factor) return cap;
        return initial.multipliedBy(factor);
    }
}
