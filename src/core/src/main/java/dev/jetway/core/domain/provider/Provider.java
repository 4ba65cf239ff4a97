package dev.jetway.core.domain.provider;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A provider's current state: the fold of its event stream, and the projection item the hot path
 * reads. {@code version} is the stream version of the last event folded in (-1 before any).
 *
 * @param lastUsedAt when the provider was last used (or started), as recorded at most once per
 *     last-use window; the idle collector's condition
 * @param startRetryAt after a failed start, the earliest time the next start may be attempted
 */
public record Provider(
        @JsonProperty("name") String name,
        @JsonProperty("version") long version,
        @JsonProperty("registered") boolean registered,
        @JsonProperty("removed") boolean removed,
        @JsonProperty("spec") ProviderSpec spec,
        @JsonProperty("state") LifecycleState state,
        @JsonProperty("start_attempts") int startAttempts,
        @JsonProperty("consecutive_health_failures") int consecutiveHealthFailures,
        @JsonProperty("endpoint") String endpoint,
        @JsonProperty("tools_count") int toolsCount,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("last_stop_reason") StopReason lastStopReason,
        @JsonProperty("circuit") CircuitStatus circuit,
        @JsonProperty("circuit_retry_at") Instant circuitRetryAt,
        @JsonProperty("schema_versions") Map<String, SchemaRef> schemaVersions,
        @JsonProperty("last_used_at") Instant lastUsedAt,
        @JsonProperty("start_retry_at") Instant startRetryAt) {

    public Provider {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("provider name must not be blank");
        state = state == null ? LifecycleState.COLD : state;
        circuit = circuit == null ? CircuitStatus.CLOSED : circuit;
        schemaVersions = schemaVersions == null ? Map.of() : Map.copyOf(new TreeMap<>(schemaVersions));
    }

    /** The state of a provider nobody has registered yet. */
    public static Provider unregistered(String name) {
        return new Provider(name, -1, false, false, null, LifecycleState.COLD, 0, 0, null, 0, null, null,
                CircuitStatus.CLOSED, null, Map.of(), null, null);
    }

    public String streamId() {
        return streamIdOf(name);
    }

    public static String streamIdOf(String providerName) {
        return STREAM_PREFIX + providerName;
    }

    public static final String STREAM_PREFIX = "provider#";

    /** The latest schema version recorded for one list method. */
    public record SchemaRef(
            @JsonProperty("version_number") int versionNumber,
            @JsonProperty("version_id") String versionId,
            @JsonProperty("hash") String hash) {}

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Copy-with helper for {@link ProviderDecider#evolve}; not part of the public API. */
    static final class Builder {
        String name; long version; boolean registered; boolean removed; ProviderSpec spec;
        LifecycleState state; int startAttempts; int consecutiveHealthFailures; String endpoint;
        int toolsCount; String lastError; StopReason lastStopReason; CircuitStatus circuit;
        Instant circuitRetryAt; Map<String, SchemaRef> schemaVersions; Instant lastUsedAt; Instant startRetryAt;

        Builder(Provider p) {
            name = p.name; version = p.version; registered = p.registered; removed = p.removed;
            spec = p.spec; state = p.state; startAttempts = p.startAttempts;
            consecutiveHealthFailures = p.consecutiveHealthFailures; endpoint = p.endpoint;
            toolsCount = p.toolsCount; lastError = p.lastError; lastStopReason = p.lastStopReason;
            circuit = p.circuit; circuitRetryAt = p.circuitRetryAt; schemaVersions = new TreeMap<>(p.schemaVersions);
            lastUsedAt = p.lastUsedAt; startRetryAt = p.startRetryAt;
        }

        Provider build() {
            return new Provider(name, version, registered, removed, spec, state, startAttempts,
                    consecutiveHealthFailures, endpoint, toolsCount, lastError, lastStopReason, circuit,
                    circuitRetryAt, schemaVersions, lastUsedAt, startRetryAt);
        }
    }
}
