package dev.jetway.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.NewEvent;
import dev.jetway.core.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items as they sit in the table: what the outbox reads from the stream's new images, and what
 * events written by older code look like.
 */
class DynamoDbEventStoreItemsTest {

    private final DynamoDbClient client = DynamoDbLocal.client();
    private final String table = DynamoDbLocal.newEventTable();
    private final DynamoDbEventStore store = new DynamoDbEventStore(client, table);
    private final String stream = "provider#items-" + UUID.randomUUID();

    @Test
    void anEventItemCarriesTheEnvelopeFieldsUnderTheirWireNames() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM,
                List.of(new NewEvent(id, "ProviderRegistered", 2, at, "corr-1", Json.object().put("ratio", 1.0))))
                .withIdempotencyToken("items-tok"));

        Map<String, AttributeValue> item = client.getItem(g -> g.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(stream), "sk", AttributeValue.fromS("e#0000000000000000000")))).item();

        assertThat(item).as("the outbox builds the EventBridge detail from these names").containsAllEntriesOf(Map.of(
                "item_type", AttributeValue.fromS("event"),
                "event_id", AttributeValue.fromS(id.toString()),
                "event_type", AttributeValue.fromS("ProviderRegistered"),
                "_version", AttributeValue.fromN("2"),
                "stream_id", AttributeValue.fromS(stream),
                "stream_version", AttributeValue.fromN("0"),
                "occurred_at", AttributeValue.fromS("2026-01-02T03:04:05.678Z"),
                "correlation_id", AttributeValue.fromS("corr-1"),
                "idempotency_token", AttributeValue.fromS("items-tok")));
        assertThat(item.get("data").s())
                .as("data is JSON text, so 1.0 stays a double rather than becoming the DynamoDB number 1")
                .isEqualTo("{\"ratio\":1.0}");
    }

    @Test
    void anEventWrittenBeforeSchemaVersionsExistedReadsAsVersionOne() {
        client.putItem(p -> p.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS(stream),
                "sk", AttributeValue.fromS("e#0000000000000000000"),
                "item_type", AttributeValue.fromS("event"),
                "event_id", AttributeValue.fromS("8d1c5a3e-2f4b-4c6d-9e8f-0a1b2c3d4e5f"),
                "event_type", AttributeValue.fromS("ProviderRegistered"),
                "stream_id", AttributeValue.fromS(stream),
                "stream_version", AttributeValue.fromN("0"),
                "occurred_at", AttributeValue.fromS("2025-06-01T00:00:00Z"),
                "data", AttributeValue.fromS("{\"name\":\"old\"}"))));

        List<EventEnvelope> read = store.read(stream);

        assertThat(read).singleElement().satisfies(e -> {
            assertThat(e.schemaVersion()).as("an absent _version means 1, so the upcasters start from v1").isEqualTo(1);
            assertThat(e.correlationId()).as("an absent correlation_id stays absent").isNull();
            assertThat(e.data()).isEqualTo(Json.object().put("name", "old"));
        });
    }

    @Test
    void streamIdsCountEachStreamOnceHoweverManyEventsItHas() {
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM,
                List.of(event(), event(), event())).withProjection(Json.object()));

        assertThat(store.streamIds("provider#items-"))
                .as("one state item per stream, not one id per event item").containsExactly(stream);
    }

    private static NewEvent event() {
        return new NewEvent(UUID.randomUUID(), "Thing", 1, Instant.now(), null, Json.object());
    }
}
