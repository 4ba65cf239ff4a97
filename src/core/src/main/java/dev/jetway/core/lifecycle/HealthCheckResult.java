package dev.jetway.core.lifecycle;

import dev.jetway.core.domain.provider.LifecycleState;
import java.util.Objects;

/** What one health check of one provider found, and the provider's state afterwards. */
public record HealthCheckResult(String provider, Outcome outcome, LifecycleState state, String detail) {

    public enum Outcome {
        /** Not running in this instance: nothing to check. */
        NOT_RUNNING,
        PASSED,
        FAILED,
        /** The process or session was gone; a failure stop was recorded. */
        CRASHED,
        /** A DEGRADED provider was restarted after its recovery backoff. */
        RESTARTED
    }

    public HealthCheckResult {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(state, "state");
    }
}
