package dev.jetway.core.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the front door answers: a complete body, or a stream of server-sent events. */
public sealed interface FrontDoorResponse {

    int status();

    Map<String, String> headers();

    /** A response whose body is known in full. */
    record Complete(int status, Map<String, String> headers, byte[] body) implements FrontDoorResponse {
        public Complete {
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * A {@code text/event-stream} response. The adapter sends status and headers, then runs
     * {@link #body} on its own thread with a sink that writes each event as it comes.
     */
    record EventStream(int status, Map<String, String> headers, Body body) implements FrontDoorResponse {
        public EventStream {
            headers = Map.copyOf(headers);
        }
    }

    @FunctionalInterface
    interface Body {
        void writeTo(SseWriter sink) throws IOException;
    }
}
