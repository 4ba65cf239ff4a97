package dev.jetway.core.outbox;

import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/** One PutEvents entry: what EventBridge receives for one stored event. */
public record OutboxEntry(String source, String detailType, String detail, Instant time) {

    public static final String SOURCE = "jetway";

    /** EventBridge counts 14 bytes for a set {@code Time}, plus the UTF-8 bytes of the strings. */
    private static final int TIME_BYTES = 14;

    public OutboxEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(detail, "detail");
    }

    public static OutboxEntry of(EventEnvelope envelope) {
        return new OutboxEntry(SOURCE, envelope.eventType(), Json.write(envelope), envelope.occurredAt());
    }

    /** The size EventBridge charges against its 256 KB limits (the PutEvents entry size rule). */
    public int sizeBytes() {
        return (time == null ? 0 : TIME_BYTES) + utf8(source) + utf8(detailType) + utf8(detail);
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
