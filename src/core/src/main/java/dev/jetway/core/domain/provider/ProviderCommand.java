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

    record MarkStartFailed(String error) implements ProviderCommand {}

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
