package dev.jetway.core.mcp;

import java.time.Instant;
import java.util.Objects;

/** A session-era client session: its id and the protocol version negotiated at initialize. */
public record Session(String id, String protocolVersion, Instant createdAt) {
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!SessionIds.isWellFormed(id)) throw new IllegalArgumentException("malformed session id");
    }
}
