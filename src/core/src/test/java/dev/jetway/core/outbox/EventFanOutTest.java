package dev.jetway.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.domain.resilience.RetryBackoff;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class EventFanOutTest {

    /** Answers each entry through a rule of (call number, entry); keeps every call it saw. */
    static final class ScriptedPublisher implements EventPublisher {
        final List<List<OutboxEntry>> calls = new ArrayList<>();
        final BiFunction<Integer, OutboxEntry, EntryOutcome> rule;

        ScriptedPublisher(BiFunction<Integer, OutboxEntry, EntryOutcome> rule) { this.rule = rule; }

        @Override
        public List<EntryOutcome> publish(List<OutboxEntry> entries) {
            calls.add(List.copyOf(entries));
            return entries.stream().map(e -> rule.apply(calls.size(), e)).toList();
        }
    }

    final List<DeadLetter> parked = new ArrayList<>();
    final List<Duration> waits = new ArrayList<>();
    final FanOutPolicy policy = new FanOutPolicy(3, new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
            FanOutPolicy.PUT_EVENTS_PERMANENT_CODES);

    EventFanOut fanOut(EventPublisher publisher) {
        return new EventFanOut(publisher, parked::add, policy, waits::add);
    }

    static EventEnvelope event(String stream, long version, int dataBytes) {
        return new EventEnvelope(UUID.randomUUID(), "ProviderStarted", 1, stream, version,
                Instant.parse("2026-03-02T08:00:00Z"), "c-" + version,
                Json.object().put("provider", stream).put("endpoint", "x".repeat(dataBytes)).put("tools_count", 1)
                        .put("startup_duration_ms", 5));
    }

    static List<StreamRecord> records(int count, int dataBytes) {
        List<StreamRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) records.add(EventItemRecords.inserted(seq(i), event("provider#p", i, dataBytes)));
        return records;
    }

    static String seq(int i) {
        return String.format("%021d", 1000 + i);
    }

    static String eventIdOf(OutboxEntry entry) {
        return Json.parse(entry.detail()).get("event_id").asText();
    }

    @Test
    void eachNewEventBecomesAnEntryWithSourceJetwayItsTypeAndTheEnvelopeAsDetail() {
        EventEnvelope started = event("provider#math", 3, 5);
        ScriptedPublisher publisher = new ScriptedPublisher((call, e) -> EntryOutcome.ok());

        FanOutResult result = fanOut(publisher).fanOut(List.of(EventItemRecords.inserted(seq(0), started)));

        OutboxEntry entry = publisher.calls.get(0).get(0);
        assertThat(entry.source()).isEqualTo("jetway");
        assertThat(entry.detailType()).isEqualTo("ProviderStarted");
        assertThat(entry.time()).isEqualTo(started.occurredAt());
        assertThat(Json.convert(Json.parse(entry.detail()), EventEnvelope.class)).as("detail is the whole envelope")
                .isEqualTo(started);
        assertThat(result).isEqualTo(new FanOutResult(1, 0, 0, List.of()));
    }

    @Test
    void stateItemsAndNonInsertsAreSkippedWithTheirReasonsNotPublished() {
        EventEnvelope e = event("provider#p", 0, 5);
        List<StreamRecord> records = List.of(
                EventItemRecords.stateItem(seq(0), "provider#p", 0),
                EventItemRecords.inserted(seq(1), e),
                new StreamRecord(seq(2), StreamRecord.Change.REMOVE, Map.of()),
                new StreamRecord(seq(3), StreamRecord.Change.MODIFY, EventItemRecords.image(e)));
        ScriptedPublisher publisher = new ScriptedPublisher((call, x) -> EntryOutcome.ok());

        FanOutResult result = fanOut(publisher).fanOut(records);

        assertThat(publisher.calls).as("only the inserted event item").hasSize(1).first().asList().hasSize(1);
        assertThat(result).isEqualTo(new FanOutResult(1, 3, 0, List.of(), Map.of(
                EventItemImage.SKIP_STATE_ITEM, 1, EventItemImage.SKIP_REMOVED, 1, EventItemImage.SKIP_EVENT_CHANGED, 1)));
    }

    @Test
    void batchesHoldAtMostTenEntriesInStreamOrder() {
        ScriptedPublisher publisher = new ScriptedPublisher((call, e) -> EntryOutcome.ok());

        fanOut(publisher).fanOut(records(23, 5));

        assertThat(publisher.calls).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(publisher.calls.stream().flatMap(List::stream).map(e -> Json.parse(e.detail()).get("stream_version").asInt()))
                .as("order within the batch follows the stream").isSorted();
    }

    @Test
    void batchesStayUnder256KbCountedByTheEventBridgeSizeRule() {
        ScriptedPublisher publisher = new ScriptedPublisher((call, e) -> EntryOutcome.ok());

        fanOut(publisher).fanOut(records(7, 100_000));

        assertThat(publisher.calls).extracting(List::size).containsExactly(2, 2, 2, 1);
        assertThat(publisher.calls).allSatisfy(batch -> assertThat(batch.stream().mapToInt(OutboxEntry::sizeBytes).sum())
                .isLessThanOrEqualTo(EventPublisher.MAX_BATCH_BYTES));
    }

    @Test
    void aRejectedEntryIsRetriedAloneUntilAccepted() {
        List<StreamRecord> records = records(3, 5);
        String flaky = records.get(1).newImage().get("event_id");
        ScriptedPublisher publisher = new ScriptedPublisher((call, e) ->
                call == 1 && eventIdOf(e).equals(flaky) ? EntryOutcome.rejected("ThrottlingException", "slow down") : EntryOutcome.ok());

        FanOutResult result = fanOut(publisher).fanOut(records);

        assertThat(publisher.calls.get(1)).as("the retry carries only the rejected entry")
                .extracting(EventFanOutTest::eventIdOf).containsExactly(flaky);
        assertThat(waits).containsExactly(Duration.ofMillis(100));
        assertThat(result).isEqualTo(new FanOutResult(3, 0, 0, List.of()));
    }

    @Test
    void aTransientFailurePastTheLastAttemptReportsTheFirstFailedRecordOnly() {
        List<StreamRecord> records = records(5, 5);
        Set<String> failing = Set.of(records.get(2).newImage().get("event_id"), records.get(4).newImage().get("event_id"));
        ScriptedPublisher publisher = new ScriptedPublisher((call, e) ->
                failing.contains(eventIdOf(e)) ? EntryOutcome.rejected("InternalFailure", "try later") : EntryOutcome.ok());

        FanOutResult result = fanOut(publisher).fanOut(records);

        assertThat(publisher.calls).as("one call plus two retries").hasSize(3);
        assertThat(result.batchItemFailures()).as("the stream retries from the first failed record")
                .containsExactly(seq(2));
        assertThat(parked).as("a transient failure is never parked").isEmpty();
    }

    @Test
    void aPermanentlyRejectedEntryIsParkedWithTheReasonAfterTheLastAttempt() {
        List<StreamRecord> records = records(2, 5);
        String poison = records.get(0).newImage().get("event_id");
        ScriptedPublisher publisher = new ScriptedPublisher((call, e) ->
                eventIdOf(e).equals(poison) ? EntryOutcome.rejected("MalformedDetail", "Detail is malformed.") : EntryOutcome.ok());

        FanOutResult result = fanOut(publisher).fanOut(records);

        assertThat(parked).singleElement().satisfies(letter -> {
            assertThat(letter.sequenceNumber()).isEqualTo(seq(0));
            assertThat(letter.eventId()).isEqualTo(poison);
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.reason()).isEqualTo("PutEvents rejected the entry 3 times: MalformedDetail: Detail is malformed.");
            assertThat(letter.image()).isEqualTo(records.get(0).newImage());
        });
        assertThat(result).as("a parked record does not hold the stream back").isEqualTo(new FanOutResult(1, 0, 1, List.of()));
    }

    @Test
    void anUnreadableEventItemIsParkedWithoutAnyPublishAttempt() {
        Map<String, String> image = new HashMap<>(EventItemRecords.image(event("provider#p", 0, 5)));
        image.put("data", "{not json");
        ScriptedPublisher publisher = new ScriptedPublisher((call, e) -> EntryOutcome.ok());

        FanOutResult result = fanOut(publisher).fanOut(List.of(new StreamRecord(seq(0), StreamRecord.Change.INSERT, image)));

        assertThat(publisher.calls).isEmpty();
        assertThat(parked).singleElement().satisfies(letter -> {
            assertThat(letter.attempts()).isZero();
            assertThat(letter.eventId()).as("unknown: the item could not be read").isNull();
            assertThat(letter.reason()).startsWith("stream record " + seq(0) + " is not a readable event item");
        });
        assertThat(result.complete()).isTrue();
    }

    @Test
    void anEntryOver256KbIsParkedBecauseNoBatchCanCarryIt() {
        ScriptedPublisher publisher = new ScriptedPublisher((call, e) -> EntryOutcome.ok());

        FanOutResult result = fanOut(publisher).fanOut(records(1, 300_000));

        assertThat(publisher.calls).isEmpty();
        assertThat(parked).singleElement().extracting(DeadLetter::reason).asString().contains("PutEvents takes at most 262144");
        assertThat(result.deadLettered()).isEqualTo(1);
    }

    @Test
    void aRecordTheDeadLetterQueueCannotTakeIsReportedAsFailedNotLost() {
        EventFanOut fanOut = new EventFanOut(new ScriptedPublisher((call, e) -> EntryOutcome.ok()),
                letter -> { throw new IllegalStateException("queue unavailable"); }, policy, waits::add);

        FanOutResult result = fanOut.fanOut(records(1, 300_000));

        assertThat(result.batchItemFailures()).containsExactly(seq(0));
    }

    @Test
    void aWholeCallFailureIsRetriedLikeRejectedEntries() {
        ScriptedPublisher inner = new ScriptedPublisher((call, e) -> EntryOutcome.ok());
        int[] calls = {0};
        EventPublisher failsOnce = entries -> {
            if (calls[0]++ == 0) throw new EventPublishException("ServiceUnavailable", "503", null);
            return inner.publish(entries);
        };

        FanOutResult result = fanOut(failsOnce).fanOut(records(4, 5));

        assertThat(inner.calls).singleElement().asList().hasSize(4);
        assertThat(result).isEqualTo(new FanOutResult(4, 0, 0, List.of()));
    }

    @Test
    void theBatcherRefusesAnItemLargerThanTheLimit() {
        OutboxEntry big = new OutboxEntry("jetway", "T", "x".repeat(300), null);
        assertThatThrownBy(() -> OutboxBatches.split(List.of(big), e -> e, 10, 256))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("307 bytes");
    }

    @Test
    void theEntrySizeFollowsTheEventBridgeRule() {
        OutboxEntry entry = new OutboxEntry("jetway", "Ü", "{}", Instant.EPOCH);
        assertThat(entry.sizeBytes()).as("14 for Time + UTF-8 bytes of source, detail-type and detail")
                .isEqualTo(14 + 6 + 2 + 2);
    }
}
