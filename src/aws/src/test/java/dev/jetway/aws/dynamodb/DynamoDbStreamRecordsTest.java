package dev.jetway.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.NewEvent;
import dev.jetway.core.json.Json;
import dev.jetway.core.outbox.EventItemImage;
import dev.jetway.core.outbox.StreamRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The records DynamoDB Streams produces for the store's appends, mapped to the outbox's records. */
class DynamoDbStreamRecordsTest {

    private final DynamoDbClient client = DynamoDbLocal.client();
    private final DynamoDbStreamsClient streams = DynamoDbLocal.newStreamsClient();
    private final String table = DynamoDbLocal.newEventTable();
    private final DynamoDbEventStore store = new DynamoDbEventStore(client, table);

    @AfterEach
    void close() {
        streams.close();
    }

    @Test
    void eachAppendedEventArrivesAsAnInsertThatReadsBackAsTheStoredEnvelopeAndTheStateItemAsAnotherRecord() {
        String stream = "provider#math";
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, List.of(event(1), event(2))));
        store.append(AppendRequest.of(stream, 1, List.of(event(3))));

        List<StreamRecord> records = TableStream.readAll(client, streams, table).stream()
                .map(DynamoDbStreamRecords::from).toList();

        List<StreamRecord> events = records.stream().filter(EventItemImage::isNewEvent).toList();
        assertThat(events).as("one INSERT per event, in append order")
                .extracting(EventItemImage::read).isEqualTo(store.read(stream, 0));
        List<StreamRecord> others = records.stream().filter(r -> !EventItemImage.isNewEvent(r)).toList();
        assertThat(others).as("the state item: created by the first append, modified by the second")
                .extracting(StreamRecord::change).containsExactly(StreamRecord.Change.INSERT, StreamRecord.Change.MODIFY);
        assertThat(others).extracting(EventItemImage::skipReason).allSatisfy(reason ->
                assertThat(reason).hasValueSatisfying(r -> assertThat(r).startsWith("state item")));
        assertThat(records).extracting(StreamRecord::sequenceNumber).doesNotHaveDuplicates();
    }

    @Test
    void onlyStringAndNumberAttributesAreKeptAndTheEventNameBecomesTheChange() {
        Record record = Record.builder().eventID("e1").eventName(OperationType.MODIFY)
                .dynamodb(d -> d.sequenceNumber("4200").newImage(Map.of(
                        "pk", AttributeValue.fromS("provider#p"),
                        "head", AttributeValue.fromN("7"),
                        "flag", AttributeValue.fromBool(true),
                        "blob", AttributeValue.fromB(SdkBytes.fromUtf8String("x")),
                        "tags", AttributeValue.fromSs(List.of("a")))))
                .build();

        StreamRecord mapped = DynamoDbStreamRecords.from(record);

        assertThat(mapped).isEqualTo(new StreamRecord("4200", StreamRecord.Change.MODIFY,
                Map.of("pk", "provider#p", "head", "7")));
    }

    @Test
    void aRemovalWithoutANewImageMapsToAnEmptyImage() {
        Record record = Record.builder().eventName(OperationType.REMOVE).dynamodb(d -> d.sequenceNumber("9")).build();

        assertThat(DynamoDbStreamRecords.from(record))
                .isEqualTo(new StreamRecord("9", StreamRecord.Change.REMOVE, Map.of()));
    }

    @Test
    void anotherRecordModelMapsThroughItsOwnAttributeReader() {
        // The Lambda event library has its own AttributeValue type; a reader function bridges it.
        Map<String, String[]> image = Map.of("item_type", new String[] {"S", "event"}, "stream_version",
                new String[] {"N", "3"}, "m", new String[] {"M", "{}"});

        StreamRecord mapped = DynamoDbStreamRecords.from("77", "INSERT", image,
                v -> v[0].equals("S") || v[0].equals("N") ? v[1] : null);

        assertThat(mapped).isEqualTo(new StreamRecord("77", StreamRecord.Change.INSERT,
                Map.of("item_type", "event", "stream_version", "3")));
    }

    @Test
    void anUnknownEventNameIsRefusedNamingTheRecord() {
        assertThatThrownBy(() -> DynamoDbStreamRecords.from("12", "UPSERT", Map.<String, String>of(), v -> v))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stream record 12").hasMessageContaining("UPSERT");
    }

    private static NewEvent event(int attempt) {
        return new NewEvent(UUID.randomUUID(), "ProviderStartRequested", 1, Instant.parse("2026-03-02T08:00:00Z"),
                "corr", Json.object().put("provider", "math").put("attempt", attempt));
    }
}
