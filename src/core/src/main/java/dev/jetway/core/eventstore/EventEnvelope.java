package dev.jetway.core.eventstore;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One stored event as every store, the outbox and EventBridge consumers see it.
 *
 * @param schemaVersion the schema version of {@code data} ({@code _version} on the wire; absent means 1)
 * @param streamVersion 0-based position in the stream; consumers order by it
 * @param eventId unique per event; consumers de-duplicate by it
 */
public record EventEnvelope(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("_version") int schemaVersion,
        @JsonProperty("stream_id") String streamId,
        @JsonProperty("stream_version") long streamVersion,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("data") ObjectNode data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(eventType, "event_type");
        Objects.requireNonNull(streamId, "stream_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(data, "data");
        if (schemaVersion == 0) schemaVersion = 1;
        if (schemaVersion < 0) throw new IllegalArgumentException("_version must be >= 1, got " + schemaVersion);
        if (streamVersion < 0) throw new IllegalArgumentException("stream_version must be >= 0, got " + streamVersion);
    }

    /** The same event with its data replaced, as an upcaster produces it. */
    public EventEnvelope withData(int newSchemaVersion, ObjectNode newData) {
        return new EventEnvelope(eventId, eventType, newSchemaVersion, streamId, streamVersion, occurredAt,
                correlationId, newData);
    }
}
