package dev.jetway.core.lifecycle;

import dev.jetway.core.upstream.ProviderUnavailableException;
import java.time.Duration;
import java.time.Instant;

/** The provider's circuit is open: the call failed fast without reaching it. Says when it is tried again. */
public final class CircuitOpenException extends ProviderUnavailableException {

    private final Instant retryAt;

    public CircuitOpenException(String provider, int failures, Instant retryAt, Instant now) {
        super(provider, "its circuit is open after " + failures + " consecutive failed calls; calls fail fast until "
                + retryAt + " (in " + Math.max(0, Duration.between(now, retryAt).toSeconds())
                + " s), then one trial call decides whether it closes");
        this.retryAt = retryAt;
    }

    public Instant retryAt() {
        return retryAt;
    }
}
