package dev.jetway.core.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Splits entries, in order, into PutEvents calls within the count and size limits. */
public final class OutboxBatches {

    private OutboxBatches() {}

    /**
     * Greedy and order-preserving: a batch closes when the next item would pass either limit.
     *
     * @throws IllegalArgumentException when one item alone is larger than {@code maxBytes}
     */
    public static <T> List<List<T>> split(List<T> items, Function<T, OutboxEntry> entryOf, int maxCount, int maxBytes) {
        List<List<T>> batches = new ArrayList<>();
        List<T> current = new ArrayList<>();
        int bytes = 0;
        for (T item : items) {
            int size = entryOf.apply(item).sizeBytes();
            if (size > maxBytes) throw new IllegalArgumentException("an entry of " + size + " bytes exceeds " + maxBytes);
            if (!current.isEmpty() && (current.size() == maxCount || bytes + size > maxBytes)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(item);
            bytes += size;
        }
        if (!current.isEmpty()) batches.add(current);
        return batches;
    }
}
