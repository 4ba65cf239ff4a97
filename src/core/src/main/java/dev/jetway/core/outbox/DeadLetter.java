package dev.jetway.core.outbox;

import java.util.Map;
import java.util.Objects;

/**
 * A stream record the fan-out gave up on, with everything needed to replay it by hand to the bus.
 *
 * @param eventId null when the item could not be read
 * @param attempts publish attempts made; 0 when no attempt could succeed (unreadable, too large)
 * @param image the record's new image, its {@code data} as published (provider credentials masked)
 */
public record DeadLetter(String sequenceNumber, String eventId, String reason, int attempts, Map<String, String> image) {

    public DeadLetter {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(reason, "reason");
        image = image == null ? Map.of() : Map.copyOf(image);
    }
}
