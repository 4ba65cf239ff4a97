package dev.jetway.core.outbox;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one fan-out run did.
 *
 * @param skipped records that were not new event items (state items, modifications, removals)
 * @param batchItemFailures empty, or the sequence number of the first record (in stream order) that
 *     was neither published nor parked: the stream retries from there
 * @param skipReasons why records were skipped: reason to number of records, adding up to {@code skipped}
 */
public record FanOutResult(int published, int skipped, int deadLettered, List<String> batchItemFailures,
        Map<String, Integer> skipReasons) {

    public FanOutResult {
        batchItemFailures = List.copyOf(batchItemFailures);
        if (batchItemFailures.size() > 1) throw new IllegalArgumentException("report only the first failed record");
        skipReasons = new TreeMap<>(skipReasons);
        int explained = skipReasons.values().stream().mapToInt(Integer::intValue).sum();
        if (explained != skipped) {
            throw new IllegalArgumentException(skipped + " records skipped but " + explained + " have a reason");
        }
        skipReasons = java.util.Collections.unmodifiableMap(skipReasons);
    }

    /** A run that skipped nothing. */
    public FanOutResult(int published, int skipped, int deadLettered, List<String> batchItemFailures) {
        this(published, skipped, deadLettered, batchItemFailures, Map.of());
    }

    public boolean complete() {
        return batchItemFailures.isEmpty();
    }
}
