package dev.jetway.functions;

import dev.jetway.core.mcp.SseWriter;
import java.nio.charset.StandardCharsets;

/**
 * An event stream written into memory and sent as one {@code text/event-stream} body when the
 * request ends: a buffered Lambda response cannot send bytes before the handler returns.
 */
final class BufferedEventStream implements SseWriter {

    private final StringBuilder events = new StringBuilder();

    @Override
    public synchronized void send(String json) {
        events.append("event: message\ndata: ").append(json).append("\n\n");
    }

    /** False: nothing reaches the client before the response is complete. */
    @Override
    public boolean isLive() {
        return false;
    }

    synchronized byte[] bytes() {
        return events.toString().getBytes(StandardCharsets.UTF_8);
    }
}
