package dev.jetway.core.outbox;

import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.security.PublishedEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox: publishes the events in a batch of stream records, at least once each.
 *
 * <p>Every record ends in exactly one of four ways: skipped with its reason (not a new event item:
 * state items, modifications, removals), published,
 * parked in the dead-letter queue with its reason (unreadable, too large, or rejected with a
 * permanent error code after {@link FanOutPolicy#maxAttempts}), or failed. Only the first failed
 * record is reported: the stream redelivers from it, so records after it that were published are
 * published again, which is why consumers de-duplicate by {@code event_id}.
 *
 * <p>What leaves is the {@link PublishedEvents published copy} of each event (provider credentials
 * masked), both on the bus and in the dead-letter queue; the event table keeps the real values.
 */
public final class EventFanOut {

    private final EventPublisher publisher;
    private final DeadLetterQueue deadLetters;
    private final FanOutPolicy policy;
    private final Sleeper sleeper;
    private final PublishedEvents published;

    /** Masks by pattern only: for callers without a configuration's redactor. */
    public EventFanOut(EventPublisher publisher, DeadLetterQueue deadLetters, FanOutPolicy policy, Sleeper sleeper) {
        this(publisher, deadLetters, policy, sleeper, PublishedEvents.byPatternOnly());
    }

    public EventFanOut(EventPublisher publisher, DeadLetterQueue deadLetters, FanOutPolicy policy, Sleeper sleeper,
            PublishedEvents published) {
        this.published = Objects.requireNonNull(published, "published");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public FanOutResult fanOut(List<StreamRecord> records) {
        List<PendingEvent> pending = new ArrayList<>();
        List<PendingEvent> all = new ArrayList<>();
        Map<String, Integer> skipped = new HashMap<>();
        for (StreamRecord record : records) {
            Optional<String> skipReason = EventItemImage.skipReason(record);
            if (skipReason.isPresent()) {
                skipped.merge(skipReason.get(), 1, Integer::sum);
                continue;
            }
            PendingEvent event = PendingEvent.read(record, published);
            all.add(event);
            if (event.unpublishable() == null) pending.add(event);
        }
        publishWithRetries(pending);
        return settle(all, skipped);
    }

    private void publishWithRetries(List<PendingEvent> pending) {
        for (int attempt = 1; attempt <= policy.maxAttempts() && !pending.isEmpty(); attempt++) {
            if (attempt > 1 && !pause(attempt - 1)) return;
            for (List<PendingEvent> batch : OutboxBatches.split(pending, PendingEvent::entry,
                    EventPublisher.MAX_ENTRIES_PER_BATCH, EventPublisher.MAX_BATCH_BYTES)) {
                publishOnce(batch);
            }
            pending = pending.stream().filter(p -> !p.published()).toList();
        }
    }

    private void publishOnce(List<PendingEvent> batch) {
        List<OutboxEntry> entries = batch.stream().map(PendingEvent::entry).toList();
        List<EntryOutcome> outcomes;
        try {
            outcomes = publisher.publish(entries);
        } catch (EventPublishException e) {
            outcomes = entries.stream().map(x -> EntryOutcome.rejected(e.errorCode(), e.getMessage())).toList();
        }
        if (outcomes.size() != batch.size()) {
            throw new IllegalStateException("publisher returned " + outcomes.size() + " outcomes for " + batch.size() + " entries");
        }
        for (int i = 0; i < batch.size(); i++) batch.get(i).record(outcomes.get(i));
    }

    /** False when interrupted: the remaining records fail and the stream retries them. */
    private boolean pause(int retry) {
        try {
            sleeper.sleep(policy.backoff().delayBefore(retry));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private FanOutResult settle(List<PendingEvent> events, Map<String, Integer> skipped) {
        int published = 0;
        int parked = 0;
        String firstFailed = null;
        for (PendingEvent event : events) {
            if (event.published()) {
                published++;
                continue;
            }
            String reason = event.unpublishable() != null ? event.unpublishable() : permanentRejection(event);
            if (reason != null && park(event, reason)) {
                parked++;
            } else if (firstFailed == null) {
                firstFailed = event.record().sequenceNumber();
            }
        }
        int skippedCount = skipped.values().stream().mapToInt(Integer::intValue).sum();
        return new FanOutResult(published, skippedCount, parked, firstFailed == null ? List.of() : List.of(firstFailed),
                skipped);
    }

    private String permanentRejection(PendingEvent event) {
        EntryOutcome last = event.lastOutcome();
        if (last == null || !policy.permanentErrorCodes().contains(last.errorCode())) return null;
        return "PutEvents rejected the entry " + event.attempts() + " times: " + last.errorCode() + ": "
                + last.errorMessage();
    }

    /** A queue that cannot take the record leaves it failed: the stream retries rather than losing it. */
    private boolean park(PendingEvent event, String reason) {
        EventEnvelope envelope = event.envelope();
        try {
            deadLetters.park(new DeadLetter(event.record().sequenceNumber(),
                    envelope == null ? null : envelope.eventId().toString(), reason, event.attempts(),
                    published.deadLetterImage(event.record().newImage())));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
