package dev.jetway.aws.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.aws.dynamodb.DynamoDbEventStore;
import dev.jetway.aws.dynamodb.DynamoDbLocal;
import dev.jetway.aws.dynamodb.DynamoDbStreamRecords;
import dev.jetway.aws.dynamodb.TableStream;
import dev.jetway.core.domain.resilience.RetryBackoff;
import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.NewEvent;
import dev.jetway.core.json.Json;
import dev.jetway.core.outbox.DeadLetter;
import dev.jetway.core.outbox.EventFanOut;
import dev.jetway.core.outbox.FanOutPolicy;
import dev.jetway.core.outbox.FanOutResult;
import dev.jetway.core.outbox.StreamRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * From an append to EventBridge with nothing hand-made in between: the store writes to DynamoDB
 * Local, its DynamoDB Stream produces the records, the mapper and the fan-out publish them through
 * the real SDK to a PutEvents stub that rejects chosen entries.
 */
class StreamsToEventBridgeTest {

    final EventBridgeStubs stubs = new EventBridgeStubs();
    final String table = DynamoDbLocal.newEventTable();
    final DynamoDbEventStore store = new DynamoDbEventStore(DynamoDbLocal.client(), table);
    final List<DeadLetter> parked = new ArrayList<>();
    final EventFanOut fanOut = new EventFanOut(new EventBridgePublisher(stubs.client, "jetway"), parked::add,
            new FanOutPolicy(3, new RetryBackoff(Duration.ofMillis(10), Duration.ofMillis(10)),
                    FanOutPolicy.PUT_EVENTS_PERMANENT_CODES),
            duration -> { });

    @AfterEach
    void stop() {
        stubs.close();
    }

    @Test
    void appendedEventsReachEventBridgeFromTheirStreamRecordsWithARejectedEntryRetriedAndStateItemsSkipped() {
        List<EventEnvelope> stored = appendFourEventsInTwoAppends();
        String retried = stored.get(1).eventId().toString();
        stubs.putEvents.failEntries((entry, previous) ->
                detailEventId(entry).equals(retried) && previous < 2 ? "ThrottlingException" : null);

        FanOutResult result = fanOut.fanOut(streamRecords());

        assertThat(result.published()).isEqualTo(4);
        assertThat(result.skipReasons()).as("the state item's insert and its modification, and nothing else")
                .isEqualTo(Map.of("state item: a stream's head and projection, not an event", 2));
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(stubs.putEvents.accepted).as("each stored envelope once, exactly as the detail")
                .extracting(e -> Json.convert(Json.parse(e.get("Detail").asText()), EventEnvelope.class))
                .containsExactlyInAnyOrderElementsOf(stored);
        assertThat(stubs.putEvents.accepted).as("the retried entry arrives after the events behind it in its stream")
                .extracting(e -> e.get("DetailType").asText())
                .containsExactly("ProviderRegistered", "ProviderStarted", "ProviderStopped", "ProviderStartRequested");
        assertThat(stubs.putEvents.rejectedEntries.get()).as("the chosen entry was rejected twice").isEqualTo(2);
    }

    @Test
    void anEntryEventBridgeRefusesForGoodIsParkedWithItsReasonAndTheRestIsPublished() {
        List<EventEnvelope> stored = appendFourEventsInTwoAppends();
        String refused = stored.get(2).eventId().toString();
        stubs.putEvents.failEntries((entry, previous) -> detailEventId(entry).equals(refused) ? "MalformedDetail" : null);

        FanOutResult result = fanOut.fanOut(streamRecords());

        assertThat(result.published()).isEqualTo(3);
        assertThat(result.deadLettered()).isEqualTo(1);
        assertThat(result.complete()).as("a parked record does not hold the stream back").isTrue();
        assertThat(parked).singleElement().satisfies(letter -> {
            assertThat(letter.eventId()).isEqualTo(refused);
            assertThat(letter.reason()).contains("MalformedDetail");
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.image()).containsEntry("event_type", "ProviderStarted");
        });
    }

    private List<EventEnvelope> appendFourEventsInTwoAppends() {
        String stream = "provider#math";
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM,
                List.of(event("ProviderRegistered"), event("ProviderStartRequested"))));
        store.append(AppendRequest.of(stream, 1, List.of(event("ProviderStarted"), event("ProviderStopped"))));
        return store.read(stream, 0);
    }

    private List<StreamRecord> streamRecords() {
        try (DynamoDbStreamsClient streams = DynamoDbLocal.newStreamsClient()) {
            return TableStream.readAll(DynamoDbLocal.client(), streams, table).stream()
                    .map(DynamoDbStreamRecords::from).toList();
        }
    }

    private static String detailEventId(com.fasterxml.jackson.databind.JsonNode entry) {
        return Json.parse(entry.get("Detail").asText()).get("event_id").asText();
    }

    private static NewEvent event(String type) {
        return new NewEvent(UUID.randomUUID(), type, 1, Instant.parse("2026-03-02T08:00:00Z"), "corr",
                Json.object().put("provider", "math"));
    }
}
