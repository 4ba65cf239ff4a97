package dev.jetway.aws.dynamodb;

import static dev.jetway.aws.dynamodb.EventTable.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.StoredProjection;
import dev.jetway.core.json.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts envelopes and projections to and from items.
 *
 * <p>{@code data} and the projection are stored as JSON strings, not DynamoDB maps: a string keeps
 * the JSON exactly as written (DynamoDB numbers do not tell {@code 1} from {@code 1.0}, and maps
 * would need our own null and empty-container rules), the outbox can pass it on to EventBridge as
 * it is, and nothing queries inside {@code data}.
 */
final class EventItems {

    private EventItems() {}

    static Map<String, AttributeValue> toItem(EventEnvelope event, String idempotencyToken) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(event.streamId()));
        item.put(SK, s(eventKey(event.streamVersion())));
        item.put(ITEM_TYPE, s(EVENT_ITEM));
        item.put(EVENT_ID, s(event.eventId().toString()));
        item.put(EVENT_TYPE, s(event.eventType()));
        item.put(SCHEMA_VERSION, n(event.schemaVersion()));
        item.put(STREAM_ID, s(event.streamId()));
        item.put(STREAM_VERSION, n(event.streamVersion()));
        item.put(OCCURRED_AT, s(event.occurredAt().toString()));
        if (event.correlationId() != null) item.put(CORRELATION_ID, s(event.correlationId()));
        item.put(DATA, s(Json.write(event.data())));
        if (idempotencyToken != null) item.put(IDEMPOTENCY_TOKEN, s(idempotencyToken));
        return item;
    }

    /** An absent {@code _version} (events written before schema versions existed) reads as 1. */
    static EventEnvelope toEnvelope(Map<String, AttributeValue> item) {
        AttributeValue schemaVersion = item.get(SCHEMA_VERSION);
        AttributeValue correlationId = item.get(CORRELATION_ID);
        return new EventEnvelope(
                UUID.fromString(item.get(EVENT_ID).s()),
                item.get(EVENT_TYPE).s(),
                schemaVersion == null ? 1 : Integer.parseInt(schemaVersion.n()),
                item.get(STREAM_ID).s(),
                Long.parseLong(item.get(STREAM_VERSION).n()),
                Instant.parse(item.get(OCCURRED_AT).s()),
                correlationId == null ? null : correlationId.s(),
                (ObjectNode) Json.parse(item.get(DATA).s()));
    }

    static StoredProjection toProjection(Map<String, AttributeValue> stateItem) {
        return new StoredProjection(stateItem.get(PK).s(),
                Long.parseLong(stateItem.get(PROJECTION_VERSION).n()),
                Json.parse(stateItem.get(PROJECTION_STATE).s()));
    }

    static String json(JsonNode node) {
        return Json.write(node);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
