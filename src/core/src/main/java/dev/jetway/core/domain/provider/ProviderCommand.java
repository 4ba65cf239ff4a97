package dev.jetway.core.domain.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;

/** What can be asked of a provider. {@link ProviderDecider#decide} turns a command into events. */
public sealed interface ProviderCommand {

    /** Registers a new provider; re-registering the same spec is a no-op, a different one is refused. */
    record Register(ProviderSpec spec) implements ProviderCommand {
        public Register { Objects.requireNonNull(spec, "spec"); }
    }

    /** Replaces the spec; a running provider keeps running until it is restarted. */
    record ChangeConfig(ProviderSpec spec) implements ProviderCommand {
        public ChangeConfig { Objects.requireNonNull(spec, "spec"); }
    }

    record Remove() implements ProviderCommand {}

    /** COLD, DEAD or DEGRADED → INITIALIZING. Already INITIALIZING or READY: nothing to do. */
    record RequestStart() implements ProviderCommand {}

    record MarkStarted(String endpoint, int toolsCount, Duration startupDuration) implements ProviderCommand {
        public MarkStarted { Objects.requireNonNull(startupDuration, "startupDuration"); }
    }

    /** The start failed; with {@code retryAfter}, the next start waits that long (backoff). */
    record MarkStartFailed(String error, Duration retryAfter) implements ProviderCommand {
        public MarkStartFailed(String error) {
            this(error, null);
        }
    }

    /** Records a use of a running provider (the lifecycle sends it at most once per last-use window). */
    record RecordUse() implements ProviderCommand {}

    /**
     * Stops a READY or DEGRADED provider whose last use is at least its {@code idle_ttl_s} ago;
     * anything else (used since, not running) is nothing to do. Appended with the expected version,
     * so a use recorded in between makes the stop lose the race instead of stopping a busy provider.
     */
    record StopIfIdle() implements ProviderCommand {}

    /** Stops a running provider; a FAILURE stop leaves it DEAD, any other reason COLD. */
    record Stop(StopReason reason, String detail) implements ProviderCommand {
        public Stop { Objects.requireNonNull(reason, "reason"); }
    }

    record RecordHealthCheck(boolean passed, String error) implements ProviderCommand {
        public static RecordHealthCheck pass() { return new RecordHealthCheck(true, null); }
        public static RecordHealthCheck fail(String error) { return new RecordHealthCheck(false, error); }
    }

    /** Opens the circuit after {@code failures}; calls are retried once {@code resetTimeout} has passed. */
    record OpenCircuit(int failures, Duration resetTimeout) implements ProviderCommand {
        public OpenCircuit { Objects.requireNonNull(resetTimeout, "resetTimeout"); }
    }

    record HalfOpenCircuit() implements ProviderCommand {}

    record CloseCircuit() implements ProviderCommand {}

    /** Records the provider's answer to a list method; a new version only when the content changed. */
    record RecordToolSchema(String method, JsonNode payload) implements ProviderCommand {
        public RecordToolSchema {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(payload, "payload");
        }
    }
}
