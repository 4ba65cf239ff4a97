package dev.jetway.core.outbox;

import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.security.PublishedEvents;

/** One event record on its way through a fan-out run. Mutable, and private to that run. */
final class PendingEvent {

    private final StreamRecord record;
    private final EventEnvelope envelope;
    private final OutboxEntry entry;
    private final String unpublishable;
    private int attempts;
    private EntryOutcome lastOutcome;

    private PendingEvent(StreamRecord record, EventEnvelope envelope, OutboxEntry entry,
            String unpublishable) {
        this.record = record;
        this.envelope = envelope;
        this.entry = entry;
        this.unpublishable = unpublishable;
    }

    /**
     * Reads the record; one that no attempt could publish carries the reason instead of an entry. The
     * entry holds the published copy of the event; {@link #envelope()} is the stored one.
     */
    static PendingEvent read(StreamRecord record, PublishedEvents published) {
        EventEnvelope envelope;
        try {
            envelope = EventItemImage.read(record);
        } catch (MalformedEventItemException e) {
            return new PendingEvent(record, null, null, e.getMessage());
        }
        OutboxEntry entry = OutboxEntry.of(published.published(envelope));
        if (entry.sizeBytes() > EventPublisher.MAX_BATCH_BYTES) {
            return new PendingEvent(record, envelope, null, "the entry is " + entry.sizeBytes()
                    + " bytes; PutEvents takes at most " + EventPublisher.MAX_BATCH_BYTES);
        }
        return new PendingEvent(record, envelope, entry, null);
    }

    void record(EntryOutcome outcome) {
        attempts++;
        lastOutcome = outcome;
    }

    boolean published() { return lastOutcome != null && lastOutcome.accepted(); }
    StreamRecord record() { return record; }
    EventEnvelope envelope() { return envelope; }
    OutboxEntry entry() { return entry; }
    String unpublishable() { return unpublishable; }
    int attempts() { return attempts; }
    EntryOutcome lastOutcome() { return lastOutcome; }
}
