package dev.jetway.aws.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.aws.dynamodb.DynamoDbEventStore;
import dev.jetway.aws.dynamodb.DynamoDbLocal;
import dev.jetway.aws.dynamodb.DynamoDbStreamRecords;
import dev.jetway.aws.dynamodb.TableStream;
import dev.jetway.core.domain.resilience.RetryBackoff;
import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.eventstore.NewEvent;
import dev.jetway.core.json.Json;
import dev.jetway.core.outbox.DeadLetter;
import dev.jetway.core.outbox.EventFanOut;
import dev.jetway.core.outbox.EventItemImage;
import dev.jetway.core.outbox.FanOutPolicy;
import dev.jetway.core.outbox.StreamRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The delivery figure: K events appended through {@link DynamoDbEventStore} to DynamoDB Local, the
 * records its DynamoDB Stream produced read with the Streams API and mapped by
 * {@link DynamoDbStreamRecords}, published through the real SDK to a PutEvents stub that fails
 * entries and whole calls, with Lambda's stream retry semantics around the fan-out. Every event_id
 * must arrive at least once, exactly K distinct, each stream's order must be recoverable from
 * stream_version, and the only records skipped are the state items the store writes beside its
 * events, each with its reason.
 */
class OutboxDeliveryFigureTest {

    static final int K = 240;
    static final int STREAMS = 6;
    static final int LAMBDA_BATCH_SIZE = 100;

    final EventBridgeStubs stubs = new EventBridgeStubs();

    @AfterEach
    void stop() {
        stubs.close();
    }

    @Test
    void everyEventArrivesAtLeastOnceExactlyKAfterDeDuplicationAndInRecoverableOrder() {
        String table = DynamoDbLocal.newEventTable();
        DynamoDbEventStore store = new DynamoDbEventStore(DynamoDbLocal.client(), table);
        int appends = append(store, new Random(7));
        List<StreamRecord> shard;
        try (DynamoDbStreamsClient streams = DynamoDbLocal.newStreamsClient()) {
            shard = TableStream.readAll(DynamoDbLocal.client(), streams, table).stream()
                    .map(DynamoDbStreamRecords::from).toList();
        }
        Set<String> stubborn = everyNthEventId(store, 37);

        Random injected = new Random(42);
        // 10% of offers throttled at random; stubborn events refused their first 3 offers, which
        // outlasts one invocation's attempts and forces a reported batch item failure; every 15th call fails whole.
        stubs.putEvents.failEntries((entry, previous) -> {
            String eventId = Json.parse(entry.get("Detail").asText()).get("event_id").asText();
            if (stubborn.contains(eventId) && previous < 3) return "InternalFailure";
            return injected.nextInt(10) == 0 ? "ThrottlingException" : null;
        });
        stubs.putEvents.failCalls(call -> call % 15 == 0);
        List<DeadLetter> parked = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();
        EventFanOut fanOut = new EventFanOut(new EventBridgePublisher(stubs.client, "jetway"), parked::add,
                new FanOutPolicy(3, new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                        FanOutPolicy.PUT_EVENTS_PERMANENT_CODES),
                waits::add);

        ShardReplay lambda = new ShardReplay();
        boolean drained = lambda.drain(shard, LAMBDA_BATCH_SIZE, fanOut, 200);
        Map<String, Integer> skipReasons = new TreeMap<>();
        for (StreamRecord record : shard) EventItemImage.skipReason(record).ifPresent(r -> skipReasons.merge(r, 1, Integer::sum));

        List<JsonNode> deliveries = stubs.putEvents.accepted.stream().map(e -> Json.parse(e.get("Detail").asText())).toList();
        Map<String, Long> perEventId = deliveries.stream()
                .collect(Collectors.groupingBy(d -> d.get("event_id").asText(), Collectors.counting()));
        Map<String, List<EventEnvelope>> recovered = recoverStreams(deliveries);
        int outOfOrderArrivals = outOfOrderArrivals(deliveries);

        printFigure(shard.size(), appends, lambda, deliveries.size(), perEventId, outOfOrderArrivals, recovered, store,
                skipReasons);

        assertThat(shard).as("the stream holds one record per event and one per append for the state item")
                .hasSize(K + appends);
        assertThat(skipReasons).as("only the state items are skipped, and each says why")
                .containsOnlyKeys("state item: a stream's head and projection, not an event")
                .containsValue(appends);
        assertThat(lambda.skipReasonsReported).as("the fan-out's results gave the same reason")
                .isEqualTo(skipReasons.keySet());
        assertThat(drained).as("the shard drains in a bounded number of invocations").isTrue();
        assertThat(lambda.reportedFailures).as("the injected failures did reach the stream's retry").isPositive();
        assertThat(parked).as("nothing in this scenario is poison").isEmpty();
        assertThat(perEventId.keySet()).as("exactly the K appended event_ids after de-duplication")
                .hasSize(K).isEqualTo(allEventIds(store));
        assertThat(deliveries.size()).as("at least once: duplicates exist and are expected").isGreaterThan(K);
        for (String streamId : store.streamIds("provider#")) {
            assertThat(recovered.get(streamId)).as("%s ordered by stream_version equals the stored stream", streamId)
                    .isEqualTo(store.read(streamId, 0));
        }
    }

    /** K events in STREAMS streams, appended 1-3 at a time in interleaved order; returns the number of appends. */
    private static int append(EventStore store, Random random) {
        long[] heads = new long[STREAMS];
        java.util.Arrays.fill(heads, AppendRequest.NO_STREAM);
        int appends = 0;
        for (int appended = 0; appended < K; ) {
            int stream = random.nextInt(STREAMS);
            int count = Math.min(K - appended, 1 + random.nextInt(3));
            String streamId = "provider#p" + stream;
            List<NewEvent> events = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                events.add(new NewEvent(UUID.randomUUID(), "ProviderStartRequested", 1,
                        Instant.parse("2026-03-02T08:00:00Z").plusSeconds(appended + i), "figure",
                        Json.object().put("provider", "p" + stream).put("attempt", appended + i + 1)));
            }
            heads[stream] = store.append(AppendRequest.of(streamId, heads[stream], events)).lastVersion();
            appends++;
            appended += count;
        }
        return appends;
    }

    private static Set<String> everyNthEventId(EventStore store, int n) {
        List<String> ids = new ArrayList<>(allEventIds(store));
        java.util.Collections.sort(ids);
        Set<String> chosen = new java.util.HashSet<>();
        for (int i = 0; i < ids.size(); i += n) chosen.add(ids.get(i));
        return chosen;
    }

    private static Set<String> allEventIds(EventStore store) {
        return store.streamIds("provider#").stream().flatMap(s -> store.read(s, 0).stream())
                .map(e -> e.eventId().toString()).collect(Collectors.toSet());
    }

    /** What a consumer does: keep the first copy of each event_id, then sort each stream by stream_version. */
    private static Map<String, List<EventEnvelope>> recoverStreams(List<JsonNode> deliveries) {
        Map<String, EventEnvelope> firstCopy = new LinkedHashMap<>();
        for (JsonNode d : deliveries) firstCopy.putIfAbsent(d.get("event_id").asText(), Json.convert(d, EventEnvelope.class));
        Map<String, List<EventEnvelope>> streams = new TreeMap<>();
        firstCopy.values().forEach(e -> streams.computeIfAbsent(e.streamId(), k -> new ArrayList<>()).add(e));
        streams.values().forEach(l -> l.sort(java.util.Comparator.comparingLong(EventEnvelope::streamVersion)));
        return streams;
    }

    /** Arrivals whose stream_version is below one already seen on the same stream. */
    private static int outOfOrderArrivals(List<JsonNode> deliveries) {
        Map<String, Long> highest = new HashMap<>();
        int count = 0;
        for (JsonNode d : deliveries) {
            long version = d.get("stream_version").asLong();
            Long seen = highest.merge(d.get("stream_id").asText(), version, Math::max);
            if (seen > version) count++;
        }
        return count;
    }

    private void printFigure(int records, int appends, ShardReplay lambda, int deliveries, Map<String, Long> perEventId,
            int outOfOrder, Map<String, List<EventEnvelope>> recovered, EventStore store, Map<String, Integer> skipReasons) {
        long duplicated = perEventId.values().stream().filter(c -> c > 1).count();
        long maxCopies = perEventId.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long contiguous = recovered.entrySet().stream()
                .filter(s -> s.getValue().equals(store.read(s.getKey(), 0))).count();
        System.out.printf("""

                Outbox delivery figure (DynamoDbEventStore on DynamoDB Local -> its DynamoDB Stream
                  -> EventFanOut -> real SDK -> WireMock PutEvents with injected failures)
                  events appended (K)                   %d in %d streams, %d appends
                  stream records (events + state items) %d, Lambda batch size %d
                  records skipped, by reason            %s
                  Lambda invocations                    %d (batch item failures reported: %d)
                  PutEvents HTTP calls                  %d (whole-call 500s injected: %d)
                  entries rejected (injected)           %d
                  entries accepted = deliveries         %d
                  distinct event_ids delivered          %d (K = %d)
                  event_ids delivered more than once    %d (max copies of one: %d)
                  arrivals behind their stream's order  %d
                  streams recovered by stream_version   %d of %d equal the stored stream

                """, K, STREAMS, appends, records, LAMBDA_BATCH_SIZE, skipReasons, lambda.invocations, lambda.reportedFailures,
                stubs.putEvents.calls.get(), stubs.putEvents.failedCalls.get(), stubs.putEvents.rejectedEntries.get(),
                deliveries, perEventId.size(), K, duplicated, maxCopies, outOfOrder, contiguous, recovered.size());
    }
}
