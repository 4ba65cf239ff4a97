package dev.jetway.core.outbox;

import java.util.Map;
import java.util.Objects;

/**
 * One change record of the event table's stream, independent of DynamoDB's types.
 *
 * @param sequenceNumber the stream's sequence number: what a batch item failure reports
 * @param change what happened to the item
 * @param newImage the item after the change, scalar attributes only (strings and numbers as text);
 *     empty for a removal
 */
public record StreamRecord(String sequenceNumber, Change change, Map<String, String> newImage) {

    public enum Change { INSERT, MODIFY, REMOVE }

    public StreamRecord {
        if (sequenceNumber == null || sequenceNumber.isBlank()) throw new IllegalArgumentException("sequenceNumber is required");
        Objects.requireNonNull(change, "change");
        newImage = newImage == null ? Map.of() : Map.copyOf(newImage);
    }
}
