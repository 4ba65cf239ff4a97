package dev.jetway.core.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A stream's projection as last written, with the stream version it reflects. */
public record StoredProjection(String streamId, long version, JsonNode state) {
    public StoredProjection {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(state, "state");
    }
}
