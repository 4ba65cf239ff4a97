package dev.jetway.core.outbox;

import java.util.List;

/**
 * What one fan-out run did.
 *
 * @param batchItemFailures empty, or the sequence number of the first record (in stream order) that
 *     was neither published nor parked: the stream retries from there
 */
public record FanOutResult(int published, int skipped, int deadLettered, List<String> batchItemFailures) {

    public FanOutResult {
        batchItemFailures = List.copyOf(batchItemFailures);
        if (batchItemFailures.size() > 1) throw new IllegalArgumentException("report only the first failed record");
    }

    public boolean complete() {
        return batchItemFailures.isEmpty();
    }
}
