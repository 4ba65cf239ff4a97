package dev.jetway.core.outbox;

import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.json.Json;
import java.util.HashMap;
import java.util.Map;

/**
 * Stream records shaped like the event table's items (jetway-aws {@code EventItems.toItem}), for
 * tests that feed the fan-out without a DynamoDB Stream.
 */
public final class EventItemRecords {

    private EventItemRecords() {}

    public static StreamRecord inserted(String sequenceNumber, EventEnvelope event) {
        return new StreamRecord(sequenceNumber, StreamRecord.Change.INSERT, image(event));
    }

    public static Map<String, String> image(EventEnvelope event) {
        Map<String, String> item = new HashMap<>();
        item.put("pk", event.streamId());
        item.put("sk", "e#" + String.format("%019d", event.streamVersion()));
        item.put("item_type", "event");
        item.put("event_id", event.eventId().toString());
        item.put("event_type", event.eventType());
        item.put("_version", Integer.toString(event.schemaVersion()));
        item.put("stream_id", event.streamId());
        item.put("stream_version", Long.toString(event.streamVersion()));
        item.put("occurred_at", event.occurredAt().toString());
        if (event.correlationId() != null) item.put("correlation_id", event.correlationId());
        item.put("data", Json.write(event.data()));
        return item;
    }

    /** The projection item written in the same transaction as the events: never published. */
    public static StreamRecord stateItem(String sequenceNumber, String streamId, long head) {
        return new StreamRecord(sequenceNumber, StreamRecord.Change.MODIFY, Map.of("pk", streamId, "sk", "state",
                "item_type", "state", "head", Long.toString(head), "state", "{}"));
    }
}
