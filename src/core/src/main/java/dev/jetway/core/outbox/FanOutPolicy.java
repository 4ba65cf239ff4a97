package dev.jetway.core.outbox;

import dev.jetway.core.domain.resilience.RetryBackoff;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How hard the fan-out tries within one invocation.
 *
 * @param maxAttempts publish attempts per entry, the first included
 * @param backoff wait before each retry round
 * @param permanentErrorCodes entry error codes no retry can fix: after the last attempt such an
 *     entry is parked; any other code fails the record so the stream retries it
 */
public record FanOutPolicy(int maxAttempts, RetryBackoff backoff, Set<String> permanentErrorCodes) {

    /** PutEvents entry codes that describe the entry itself, not the service's state. */
    public static final Set<String> PUT_EVENTS_PERMANENT_CODES =
            Set.of("MalformedDetail", "InvalidArgument", "ValidationException", "NotAuthorizedForSourceException",
                    "NotAuthorizedForDetailTypeException");

    public static final FanOutPolicy DEFAULT = new FanOutPolicy(3,
            new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(2)), PUT_EVENTS_PERMANENT_CODES);

    public FanOutPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        Objects.requireNonNull(backoff, "backoff");
        permanentErrorCodes = Set.copyOf(permanentErrorCodes);
    }
}
