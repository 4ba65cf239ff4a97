package dev.jetway.core.outbox;

import java.util.List;

/** Publishes one batch of entries to the event bus (EventBridge PutEvents, or a local sink). */
public interface EventPublisher {

    /** EventBridge accepts at most 10 entries per PutEvents call. */
    int MAX_ENTRIES_PER_BATCH = 10;
    /** And at most 256 KB per call, counted as {@link OutboxEntry#sizeBytes()}. */
    int MAX_BATCH_BYTES = 256 * 1024;

    /**
     * @param entries at most {@link #MAX_ENTRIES_PER_BATCH}, together at most {@link #MAX_BATCH_BYTES}
     * @return one outcome per entry, in the order of {@code entries}
     * @throws EventPublishException when the call as a whole failed and no entry is known to be accepted
     */
    List<EntryOutcome> publish(List<OutboxEntry> entries);
}
