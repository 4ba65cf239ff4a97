package dev.jetway.aws.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.domain.resilience.RetryBackoff;
import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.eventstore.NewEvent;
import dev.jetway.core.json.Json;
import dev.jetway.core.outbox.DeadLetter;
import dev.jetway.core.outbox.EventFanOut;
import dev.jetway.core.outbox.EventItemRecords;
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

/**
 * The issue's figure: K events appended, published through the real SDK to a PutEvents stub that
 * fails entries and whole calls, with Lambda's stream retry semantics around the fan-out. Every
 * event_id must arrive at least once, exactly K distinct, and each stream's order must be
 * recoverable from stream_version.
 *
 * <p>The stream records are built from the appended envelopes in the event table's item shape
 * (jetway-aws's DynamoDB Local helper is not on this branch yet); one state-item record follows
 * each append, as the store writes it in the same transaction.
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
        InMemoryEventStore store = new InMemoryEventStore();
        List<StreamRecord> shard = appendAndRecord(store, new Random(7));
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

        List<JsonNode> deliveries = stubs.putEvents.accepted.stream().map(e -> Json.parse(e.get("Detail").asText())).toList();
        Map<String, Long> perEventId = deliveries.stream()
                .collect(Collectors.groupingBy(d -> d.get("event_id").asText(), Collectors.counting()));
        Map<String, List<EventEnvelope>> recovered = recoverStreams(deliveries);
        int outOfOrderArrivals = outOfOrderArrivals(deliveries);

        printFigure(shard.size(), lambda, deliveries.size(), perEventId, outOfOrderArrivals, recovered, store);

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

    /** K events in STREAMS streams, appended 1-3 at a time in interleaved order, as the table's stream would carry them. */
    private static List<StreamRecord> appendAndRecord(InMemoryEventStore store, Random random) {
        List<StreamRecord> shard = new ArrayList<>();
        long[] heads = new long[STREAMS];
        java.util.Arrays.fill(heads, AppendRequest.NO_STREAM);
        long sequence = 100_000;
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
            long last = store.append(AppendRequest.of(streamId, heads[stream], events)).lastVersion();
            for (EventEnvelope e : store.read(streamId, heads[stream] + 1)) {
                shard.add(EventItemRecords.inserted(Long.toString(sequence++), e));
            }
            shard.add(EventItemRecords.stateItem(Long.toString(sequence++), streamId, last));
            heads[stream] = last;
            appended += count;
        }
        return shard;
    }

    private static Set<String> everyNthEventId(InMemoryEventStore store, int n) {
        List<String> ids = new ArrayList<>(allEventIds(store));
        java.util.Collections.sort(ids);
        Set<String> chosen = new java.util.HashSet<>();
        for (int i = 0; i < ids.size(); i += n) chosen.add(ids.get(i));
        return chosen;
    }

    private static Set<String> allEventIds(InMemoryEventStore store) {
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

    private void printFigure(int records, ShardReplay lambda, int deliveries, Map<String, Long> perEventId,
            int outOfOrder, Map<String, List<EventEnvelope>> recovered, InMemoryEventStore store) {
        long duplicated = perEventId.values().stream().filter(c -> c > 1).count();
        long maxCopies = perEventId.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long contiguous = recovered.entrySet().stream()
                .filter(s -> s.getValue().equals(store.read(s.getKey(), 0))).count();
        System.out.printf("""

                Outbox delivery figure (real SDK -> WireMock PutEvents with injected failures)
                  events appended (K)                   %d in %d streams
                  stream records (events + state items) %d, Lambda batch size %d
                  Lambda invocations                    %d (batch item failures reported: %d)
                  PutEvents HTTP calls                  %d (whole-call 500s injected: %d)
                  entries rejected (injected)           %d
                  entries accepted = deliveries         %d
                  distinct event_ids delivered          %d (K = %d)
                  event_ids delivered more than once    %d (max copies of one: %d)
                  arrivals behind their stream's order  %d
                  streams recovered by stream_version   %d of %d equal the stored stream

                """, K, STREAMS, records, LAMBDA_BATCH_SIZE, lambda.invocations, lambda.reportedFailures,
                stubs.putEvents.calls.get(), stubs.putEvents.failedCalls.get(), stubs.putEvents.rejectedEntries.get(),
                deliveries, perEventId.size(), K, duplicated, maxCopies, outOfOrder, contiguous, recovered.size());
    }
}
