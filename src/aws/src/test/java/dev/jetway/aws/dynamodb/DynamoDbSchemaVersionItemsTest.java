package dev.jetway.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.json.Json;
import dev.jetway.core.ledger.ListMethod;
import dev.jetway.core.ledger.Recorded;
import dev.jetway.core.ledger.SchemaLedger;
import dev.jetway.core.ledger.SchemaVersionEvents;
import dev.jetway.core.outbox.EventItemImage;
import dev.jetway.core.outbox.StreamRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The documented key layout and request shapes: what the contract suite cannot see. The version
 * item is the event item the outbox publishes, so a version never exists without its event.
 */
class DynamoDbSchemaVersionItemsTest {

    private final RecordedRequests recorded = new RecordedRequests();
    private final DynamoDbClient client = DynamoDbLocal.newClient(recorded);
    private final String table = DynamoDbLocal.newEventTable();
    private final SchemaLedger ledger = new SchemaLedger(new DynamoDbSchemaVersionStore(client, table),
            Clock.fixed(Instant.parse("2026-03-02T08:04:00Z"), ZoneOffset.UTC));
    private final String provider = "math-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void versionNIsTheEventItemAtStreamVersionNMinusOneOfTheSchemaStream() {
        ledger.record(provider, ListMethod.TOOLS, Json.parse("{\"tools\":[{\"name\":\"add\"}]}"), "req-1");
        Recorded second = ledger.record(provider, ListMethod.TOOLS,
                Json.parse("{\"tools\":[{\"name\":\"add\"},{\"name\":\"mul\"}]}"), "req-2");

        Map<String, AttributeValue> item = item("schema#" + provider + "#tools/list", "e#0000000000000000001");

        assertThat(item).as("version 2 at sk e#<19 digits of 1>").isNotNull();
        assertThat(item.get("item_type").s()).isEqualTo("event");
        assertThat(item.get("event_type").s()).isEqualTo("ToolSchemaVersionCreated");
        assertThat(item.get("stream_id").s()).isEqualTo("schema#" + provider + "#tools/list");
        assertThat(item.get("stream_version").n()).isEqualTo("1");
        assertThat(item).as("no expiry: versions are kept").doesNotContainKey("expires_at");
        EventEnvelope published = EventItemImage.read(insertRecord(item));
        assertThat(published.data().get("version_number").asInt()).isEqualTo(2);
        assertThat(published.data().get("hash").asText()).isEqualTo(second.version().hash());
        assertThat(published.data().get("added")).isEqualTo(Json.parse("[\"mul\"]"));
        assertThat(published.correlationId()).isEqualTo("req-2");
        Recorded.Created created = (Recorded.Created) second;
        assertThat(published).as("the outbox publishes exactly the envelope the ledger built (checked against"
                + " events-schema in jetway-core)")
                .isEqualTo(SchemaVersionEvents.envelope(created.version(), created.event(), "req-2"));
    }

    @Test
    void theSchemaStreamReadsBackThroughTheEventStoreAsOrdinaryEvents() {
        ledger.record(provider, ListMethod.PROMPTS, Json.parse("{\"prompts\":[{\"name\":\"a\"}]}"), null);
        ledger.record(provider, ListMethod.PROMPTS, Json.parse("{\"prompts\":[{\"name\":\"b\"}]}"), null);

        List<EventEnvelope> events = new DynamoDbEventStore(client, table).read("schema#" + provider + "#prompts/list");

        assertThat(events).extracting(EventEnvelope::streamVersion).containsExactly(0L, 1L);
        assertThat(events).extracting(e -> e.data().get("version_number").asInt()).containsExactly(1, 2);
    }

    @Test
    void aCreateIsOneConditionalPutAndLatestIsOneDescendingQueryOfOneItem() {
        recorded.clear();

        ledger.record(provider, ListMethod.TOOLS, Json.parse("{\"tools\":[{\"name\":\"add\"}]}"), null);

        List<PutItemRequest> puts = recorded.of(PutItemRequest.class);
        assertThat(puts).singleElement().satisfies(put -> {
            assertThat(put.conditionExpression()).as("two instances with the same new number: one version")
                    .isEqualTo("attribute_not_exists(pk)");
            assertThat(put.item().get("pk").s()).isEqualTo("schema#" + provider + "#tools/list");
            assertThat(put.item().get("sk").s()).isEqualTo("e#0000000000000000000");
        });
        assertThat(recorded.of(QueryRequest.class)).singleElement().satisfies(query -> {
            assertThat(query.scanIndexForward()).as("newest first").isFalse();
            assertThat(query.limit()).isEqualTo(1);
            assertThat(query.consistentRead()).as("an instance must see the version it just lost to").isTrue();
            assertThat(query.keyConditionExpression()).isEqualTo("#pk = :pk AND begins_with(#sk, :events)");
        });
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        return client.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }

    /** The item as the table's stream would carry it to the outbox: scalar attributes as text. */
    private static StreamRecord insertRecord(Map<String, AttributeValue> item) {
        Map<String, String> image = new HashMap<>();
        item.forEach((name, value) -> {
            if (value.s() != null) image.put(name, value.s());
            else if (value.n() != null) image.put(name, value.n());
        });
        assertThat(EventItemImage.isNewEvent(new StreamRecord("seq", StreamRecord.Change.INSERT, image)))
                .as("the outbox forwards it").isTrue();
        return new StreamRecord("seq", StreamRecord.Change.INSERT, image);
    }
}
