package dev.jetway.core.eventstore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An event about to be appended: an envelope without its stream position. */
public record NewEvent(
        UUID eventId, String eventType, int schemaVersion, Instant occurredAt, String correlationId, ObjectNode data) {

    public NewEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
        if (schemaVersion < 1) throw new IllegalArgumentException("schemaVersion must be >= 1");
    }

    public EventEnvelope at(String streamId, long streamVersion) {
        return new EventEnvelope(eventId, eventType, schemaVersion, streamId, streamVersion, occurredAt,
                correlationId, data);
    }
}
