package dev.jetway.core.mcp;

import java.io.IOException;

/** Where an event stream's events go: a socket locally, a buffer where responses cannot stream. */
public interface SseWriter {

    /** Writes one SSE event whose data is a JSON-RPC message; throws when the client has gone. */
    void send(String json) throws IOException;
}
