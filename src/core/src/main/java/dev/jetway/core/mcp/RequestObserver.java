package dev.jetway.core.mcp;

import java.util.Map;
import java.util.Objects;

/**
 * Told once about every exchange the front door answered (telemetry). Called on the request's
 * thread after the response is complete, so it must return at once and never block; what it throws
 * is swallowed and never reaches the client.
 */
@FunctionalInterface
public interface RequestObserver {

    RequestObserver NONE = exchange -> { };

    void onExchange(Exchange exchange);

    /**
     * One answered request.
     *
     * @param lastMessage the last JSON-RPC message sent back (the whole body of a JSON response, the
     *     last event of a stream), or null when the body was empty or not JSON
     * @param responseBytes bytes of the body (the JSON messages of a stream)
     * @param latencyNanos from the request's arrival to the response's last message
     * @param upstreamNanos time spent waiting for providers; 0 when none was asked
     */
    record Exchange(FrontDoorRequest request, int status, Map<String, String> responseHeaders, String lastMessage,
            long responseBytes, long latencyNanos, long upstreamNanos) {
        public Exchange {
            Objects.requireNonNull(request, "request");
            responseHeaders = Map.copyOf(responseHeaders);
        }
    }
}
