package dev.jetway.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.NewEvent;
import dev.jetway.core.json.Json;
import dev.jetway.core.outbox.EventItemImage;
import dev.jetway.core.outbox.StreamRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The outbox reads the item names the DynamoDB store writes. The attribute names live on both sides
 * of the port (core's reader, aws's writer); this test fails the day they drift apart.
 */
class OutboxReadsStoredItemsTest {

    private final DynamoDbClient client = DynamoDbLocal.client();
    private final String table = DynamoDbLocal.newEventTable();
    private final DynamoDbEventStore store = new DynamoDbEventStore(client, table);

    @Test
    void anEventItemWrittenByTheStoreReadsBackAsTheSameEnvelopeAndTheStateItemIsSkipped() {
        String stream = "provider#outbox-" + UUID.randomUUID();
        NewEvent event = new NewEvent(UUID.randomUUID(), "ProviderRegistered", 1,
                Instant.parse("2026-11-21T10:00:00.123Z"), "corr-9", Json.object().put("provider", "math"));
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, List.of(event))
                .withProjection(Json.object().put("state", "COLD")));

        StreamRecord eventRecord = insertOf(stream, EventTable.eventKey(0));
        StreamRecord stateRecord = insertOf(stream, EventTable.STATE_SK);

        assertThat(EventItemImage.isNewEvent(eventRecord)).isTrue();
        assertThat(EventItemImage.read(eventRecord)).isEqualTo(event.at(stream, 0));
        assertThat(EventItemImage.isNewEvent(stateRecord)).as("projection items are not events to publish").isFalse();
    }

    /** The item as a stream INSERT record would carry it: scalar attributes as text. */
    private StreamRecord insertOf(String stream, String sortKey) {
        Map<String, AttributeValue> item = client.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of(EventTable.PK, AttributeValue.fromS(stream), EventTable.SK, AttributeValue.fromS(sortKey))))
                .item();
        Map<String, String> image = new HashMap<>();
        item.forEach((name, value) -> {
            if (value.s() != null) image.put(name, value.s());
            else if (value.n() != null) image.put(name, value.n());
        });
        return new StreamRecord("seq-" + sortKey, StreamRecord.Change.INSERT, image);
    }
}
