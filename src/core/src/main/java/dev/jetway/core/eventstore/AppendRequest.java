package dev.jetway.core.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Appends {@code events} to {@code streamId} if, and only if, the stream's last version is
 * {@code expectedVersion} ({@link #NO_STREAM} for a stream that must not exist yet).
 *
 * @param idempotencyToken optional; a retry with the same token after a success stores nothing
 *     new and returns the first result. At most 36 visible ASCII characters (DynamoDB's
 *     ClientRequestToken limit).
 * @param projection optional state of the stream's aggregate after these events, written in the
 *     same atomic step and readable with {@link ReadProjections#projection}
 */
public record AppendRequest(
        String streamId, long expectedVersion, List<NewEvent> events, String idempotencyToken, JsonNode projection) {

    public static final long NO_STREAM = -1;
    /** DynamoDB's TransactWriteItems takes 100 items; one is kept for the projection. */
    public static final int MAX_EVENTS = 99;

    public AppendRequest {
        Objects.requireNonNull(streamId, "streamId");
        if (streamId.isBlank()) throw new IllegalArgumentException("streamId must not be blank");
        if (expectedVersion < NO_STREAM) {
            throw new IllegalArgumentException("expectedVersion must be >= -1 (NO_STREAM), got " + expectedVersion);
        }
        events = List.copyOf(events);
        if (events.isEmpty()) throw new IllegalArgumentException("an append needs at least one event");
        if (events.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("at most " + MAX_EVENTS + " events per append, got " + events.size());
        }
        if (idempotencyToken != null && !idempotencyToken.matches("[\\x21-\\x7e]{1,36}")) {
            throw new IllegalArgumentException("idempotencyToken must be 1-36 visible ASCII characters");
        }
    }

    public static AppendRequest of(String streamId, long expectedVersion, List<NewEvent> events) {
        return new AppendRequest(streamId, expectedVersion, events, null, null);
    }

    public AppendRequest withIdempotencyToken(String token) {
        return new AppendRequest(streamId, expectedVersion, events, token, projection);
    }

    public AppendRequest withProjection(JsonNode state) {
        return new AppendRequest(streamId, expectedVersion, events, idempotencyToken, state);
    }

    /** The stream version the last of these events gets. */
    public long lastVersion() {
        return expectedVersion + events.size();
    }
}
