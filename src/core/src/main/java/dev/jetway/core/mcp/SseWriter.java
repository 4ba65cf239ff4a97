package dev.jetway.core.mcp;

import java.io.IOException;

/** Where an event stream's events go: a socket locally, a buffer where responses cannot stream. */
public interface SseWriter {

    /** Writes one SSE event whose data is a JSON-RPC message; throws when the client has gone. */
    void send(String json) throws IOException;

    /**
     * Whether each event reaches the client while the response is still running. A buffered
     * writer (a Lambda response) delivers everything at the end, so a server-to-client request
     * sent on it could never be answered in time and is refused at once instead.
     */
    default boolean isLive() {
        return true;
    }
}
