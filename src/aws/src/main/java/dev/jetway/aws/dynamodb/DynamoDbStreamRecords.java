package dev.jetway.aws.dynamodb;

import dev.jetway.core.outbox.StreamRecord;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Maps DynamoDB Streams records of the event table to the outbox's {@link StreamRecord}.
 *
 * <p>The table's stream carries new images ({@code NEW_IMAGE}). Only scalar string and number
 * attributes are kept, numbers as the decimal text DynamoDB returns: every attribute the outbox
 * reads is one of those ({@link EventTable}). Sets, lists, maps, binaries and booleans are left out.
 *
 * <p>Two entry points: {@link #from(Record)} for the AWS SDK's {@code GetRecords} answers, and
 * {@link #from(String, String, Map, Function)} for any other record model with its own attribute
 * type (for example the Lambda event library's), given a function that reads one attribute as text
 * or returns null to leave it out.
 */
public final class DynamoDbStreamRecords {

    private DynamoDbStreamRecords() {}

    /** @throws IllegalArgumentException when the record has no sequence number or an unknown event name */
    public static StreamRecord from(Record record) {
        Objects.requireNonNull(record, "record");
        var change = record.dynamodb();
        if (change == null) throw new IllegalArgumentException("stream record " + record.eventID() + " has no dynamodb part");
        return from(change.sequenceNumber(), record.eventNameAsString(),
                change.hasNewImage() ? change.newImage() : Map.of(), DynamoDbStreamRecords::scalarText);
    }

    /**
     * @param eventName {@code INSERT}, {@code MODIFY} or {@code REMOVE}, as the stream names the change
     * @param scalarText an attribute as text, or null for an attribute the outbox does not read
     */
    public static <V> StreamRecord from(String sequenceNumber, String eventName, Map<String, V> newImage,
            Function<V, String> scalarText) {
        Map<String, String> image = new HashMap<>();
        if (newImage != null) {
            newImage.forEach((name, value) -> {
                String text = value == null ? null : scalarText.apply(value);
                if (text != null) image.put(name, text);
            });
        }
        return new StreamRecord(sequenceNumber, change(sequenceNumber, eventName), image);
    }

    /** The text of a string or number attribute; null for every other type. */
    public static String scalarText(AttributeValue value) {
        if (value.s() != null) return value.s();
        return value.n();
    }

    private static StreamRecord.Change change(String sequenceNumber, String eventName) {
        if (eventName == null) {
            throw new IllegalArgumentException("stream record " + sequenceNumber + " has no event name");
        }
        try {
            return StreamRecord.Change.valueOf(eventName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stream record " + sequenceNumber + " has event name '" + eventName
                    + "'; expected INSERT, MODIFY or REMOVE", e);
        }
    }
}
