package dev.jetway.core.domain.provider;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything that can happen to a provider. Each record is one event type; its simple name is the
 * stored `event_type`. Adding a type breaks every exhaustive switch over this interface on purpose.
 * Wire names of fields are snake_case; records stay small so that events stay data.
 */
public sealed interface ProviderEvent {

    /** The provider's name, also the suffix of its stream id {@code provider#<name>}. */
    String provider();

    default String eventType() {
        return getClass().getSimpleName();
    }

    record ProviderRegistered(
            @JsonProperty("provider") String provider,
            @JsonProperty("spec") ProviderSpec spec) implements ProviderEvent {
        public ProviderRegistered { Objects.requireNonNull(spec, "spec"); }
    }

    record ProviderConfigChanged(
            @JsonProperty("provider") String provider,
            @JsonProperty("spec") ProviderSpec spec) implements ProviderEvent {
        public ProviderConfigChanged { Objects.requireNonNull(spec, "spec"); }
    }

    record ProviderRemoved(@JsonProperty("provider") String provider) implements ProviderEvent {}

    /**
     * {@code requestedAt} (optional, added after the first release) is when the start began: after
     * the start takeover budget, another caller may take a start over whose instance died.
     */
    record ProviderStartRequested(
            @JsonProperty("provider") String provider,
            @JsonProperty("attempt") int attempt,
            @JsonProperty("requested_at") java.time.Instant requestedAt) implements ProviderEvent {

        public ProviderStartRequested(String provider, int attempt) {
            this(provider, attempt, null);
        }
    }

    /** {@code startedAt} (optional, added after the first release) starts the idle clock. */
    record ProviderStarted(
            @JsonProperty("provider") String provider,
            @JsonProperty("endpoint") String endpoint,
            @JsonProperty("tools_count") int toolsCount,
            @JsonProperty("startup_duration_ms") long startupDurationMs,
            @JsonProperty("started_at") Instant startedAt) implements ProviderEvent {
        public ProviderStarted(String provider, String endpoint, int toolsCount, long startupDurationMs) {
            this(provider, endpoint, toolsCount, startupDurationMs, null);
        }
    }

    /** {@code retryAt} (optional): the next start is not attempted before it (capped exponential backoff). */
    record ProviderStartFailed(
            @JsonProperty("provider") String provider,
            @JsonProperty("error") String error,
            @JsonProperty("attempt") int attempt,
            @JsonProperty("retry_at") Instant retryAt) implements ProviderEvent {
        public ProviderStartFailed(String provider, String error, int attempt) {
            this(provider, error, attempt, null);
        }
    }

    /**
     * The provider was used. Recorded at most once per provider per last-use window, not per call,
     * so that the idle collector can stop only providers nobody used within their idle TTL.
     */
    record ProviderUsed(
            @JsonProperty("provider") String provider,
            @JsonProperty("used_at") Instant usedAt) implements ProviderEvent {
        public ProviderUsed { Objects.requireNonNull(usedAt, "usedAt"); }
    }

    record ProviderDegraded(
            @JsonProperty("provider") String provider,
            @JsonProperty("consecutive_failures") int consecutiveFailures,
            @JsonProperty("reason") String reason) implements ProviderEvent {}

    record ProviderRecovered(@JsonProperty("provider") String provider) implements ProviderEvent {}

    /** Schema version 2: {@code reason} became an enum; v1's free text lives on in {@code detail}. */
    record ProviderStopped(
            @JsonProperty("provider") String provider,
            @JsonProperty("reason") StopReason reason,
            @JsonProperty("detail") String detail) implements ProviderEvent {
        public ProviderStopped { Objects.requireNonNull(reason, "reason"); }
    }

    /** Emitted only when it changes something: every failure moves the consecutive-failure count. */
    record HealthCheckFailed(
            @JsonProperty("provider") String provider,
            @JsonProperty("consecutive_failures") int consecutiveFailures,
            @JsonProperty("error") String error) implements ProviderEvent {}

    /** Emitted only when a pass resets a non-zero consecutive-failure count. */
    record HealthCheckPassed(
            @JsonProperty("provider") String provider,
            @JsonProperty("previous_failures") int previousFailures) implements ProviderEvent {}

    record CircuitOpened(
            @JsonProperty("provider") String provider,
            @JsonProperty("failures") int failures,
            @JsonProperty("retry_at") Instant retryAt) implements ProviderEvent {}

    record CircuitHalfOpened(@JsonProperty("provider") String provider) implements ProviderEvent {}

    record CircuitClosed(@JsonProperty("provider") String provider) implements ProviderEvent {}

    /**
     * A new content version of what a provider returned for a list method (mcpr's
     * SchemaVersionCreated). The schema ledger writes it on the stream
     * {@code schema#<provider>#<method>} at stream version {@code versionNumber - 1}.
     *
     * @param versionId first 16 hex characters of {@code hash}
     * @param hash SHA-256 (hex) of the canonical JSON of {@code payload}
     * @param itemCount how many items {@code payload} lists; null in events that predate it
     * @param added names (URIs for resources) new since the previous version; null when unknown
     * @param removed names gone since the previous version; null when unknown
     * @param changed names whose definition changed since the previous version; null when unknown
     */
    record ToolSchemaVersionCreated(
            @JsonProperty("provider") String provider,
            @JsonProperty("method") String method,
            @JsonProperty("version_number") int versionNumber,
            @JsonProperty("version_id") String versionId,
            @JsonProperty("hash") String hash,
            @JsonProperty("payload") JsonNode payload,
            @JsonProperty("item_count") Integer itemCount,
            @JsonProperty("added") List<String> added,
            @JsonProperty("removed") List<String> removed,
            @JsonProperty("changed") List<String> changed) implements ProviderEvent {
        public ToolSchemaVersionCreated {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(payload, "payload");
            if (hash == null || hash.length() != 64) throw new IllegalArgumentException("hash must be 64 hex chars");
            if (!hash.startsWith(versionId)) throw new IllegalArgumentException("version_id must be the hash prefix");
            added = added == null ? null : List.copyOf(added);
            removed = removed == null ? null : List.copyOf(removed);
            changed = changed == null ? null : List.copyOf(changed);
        }

        /** A version whose item count and difference to the previous version are not known. */
        public ToolSchemaVersionCreated(String provider, String method, int versionNumber, String versionId,
                String hash, JsonNode payload) {
            this(provider, method, versionNumber, versionId, hash, payload, null, null, null, null);
        }
    }

    /**
     * An administrator approved a version of a pinned provider's tool definitions (or the first
     * version was trusted on first use). Written on the stream {@code pin#<provider>#<method>}; the
     * newest approval is the one in force.
     *
     * @param approvedBy who approved: the caller's subject, or {@code first-use}
     * @param previousVersionNumber the version approved before, or null for the first approval
     */
    record ToolSchemaVersionApproved(
            @JsonProperty("provider") String provider,
            @JsonProperty("method") String method,
            @JsonProperty("version_number") int versionNumber,
            @JsonProperty("version_id") String versionId,
            @JsonProperty("hash") String hash,
            @JsonProperty("approved_by") String approvedBy,
            @JsonProperty("previous_version_number") Integer previousVersionNumber) implements ProviderEvent {
        public ToolSchemaVersionApproved {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(approvedBy, "approvedBy");
            if (versionNumber < 1) throw new IllegalArgumentException("version_number must be >= 1");
            if (hash == null || hash.length() != 64) throw new IllegalArgumentException("hash must be 64 hex chars");
            if (!hash.startsWith(versionId)) throw new IllegalArgumentException("version_id must be the hash prefix");
        }
    }
}
