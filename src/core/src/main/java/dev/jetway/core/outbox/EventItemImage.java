package dev.jetway.core.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.json.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads an envelope from the new image of an event item. The attribute names are the event table's
 * (jetway-aws {@code EventTable}): {@code data} is the envelope's data as a JSON string.
 */
public final class EventItemImage {

    public static final String ITEM_TYPE = "item_type";
    public static final String EVENT_ITEM = "event";
    /** The item holding a stream's head and projection, written in the same transaction as its events. */
    public static final String STATE_ITEM = "state";

    static final String SKIP_STATE_ITEM = "state item: a stream's head and projection, not an event";
    static final String SKIP_EVENT_CHANGED = "event item modified: events are immutable, only their insert is published";
    static final String SKIP_REMOVED = "item removed: a removal is not an event";

    private EventItemImage() {}

    /** Only inserted event items are facts to publish; state items and other changes are not. */
    public static boolean isNewEvent(StreamRecord record) {
        return record.change() == StreamRecord.Change.INSERT
                && EVENT_ITEM.equals(record.newImage().get(ITEM_TYPE));
    }

    /**
     * Why the fan-out leaves a record alone, or empty for a new event item to publish. The reasons
     * are fixed texts (per item type, not per item) so that they can be counted.
     */
    public static Optional<String> skipReason(StreamRecord record) {
        if (isNewEvent(record)) return Optional.empty();
        if (record.change() == StreamRecord.Change.REMOVE) return Optional.of(SKIP_REMOVED);
        String itemType = record.newImage().get(ITEM_TYPE);
        if (STATE_ITEM.equals(itemType)) return Optional.of(SKIP_STATE_ITEM);
        if (EVENT_ITEM.equals(itemType)) return Optional.of(SKIP_EVENT_CHANGED);
        return Optional.of("not an event item: item_type is " + (itemType == null ? "absent" : "'" + itemType + "'"));
    }

    /** @throws MalformedEventItemException naming the attribute that is missing or unreadable */
    public static EventEnvelope read(StreamRecord record) {
        Map<String, String> image = record.newImage();
        try {
            JsonNode data = Json.parse(required(image, "data"));
            if (!data.isObject()) throw new IllegalArgumentException("data is not a JSON object");
            String version = image.get("_version");
            return new EventEnvelope(
                    UUID.fromString(required(image, "event_id")),
                    required(image, "event_type"),
                    version == null ? 1 : Integer.parseInt(version),
                    required(image, "stream_id"),
                    Long.parseLong(required(image, "stream_version")),
                    Instant.parse(required(image, "occurred_at")),
                    image.get("correlation_id"),
                    (ObjectNode) data);
        } catch (RuntimeException e) {
            throw new MalformedEventItemException(record.sequenceNumber(), e.getMessage());
        }
    }

    private static String required(Map<String, String> image, String attribute) {
        String value = image.get(attribute);
        if (value == null) throw new IllegalArgumentException("attribute '" + attribute + "' is missing");
        return value;
    }
}
