package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.upstream.UpstreamListener;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Relays what a provider sends during one request onto that request's event stream: progress
 * and log notifications as they are, server-to-client requests under a gateway id, whose answer
 * comes back through {@link ClientRequests} when the client POSTs it.
 */
final class StreamRelay implements UpstreamListener {

    private final SseWriter sink;
    private final ClientRequests clientRequests;
    private final Duration timeout;
    private final boolean relayLogs;
    private volatile boolean clientGone;

    StreamRelay(SseWriter sink, ClientRequests clientRequests, Duration timeout, boolean relayLogs) {
        this.sink = sink;
        this.clientRequests = clientRequests;
        this.timeout = timeout;
        this.relayLogs = relayLogs;
    }

    @Override
    public void onNotification(ObjectNode notification) {
        if (!relayLogs && "notifications/message".equals(notification.path("method").asText())) return;
        send(notification);
    }

    @Override
    public CompletableFuture<ObjectNode> onRequest(ObjectNode request) {
        if (!sink.isLive()) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "this gateway runtime buffers responses, so the client cannot answer "
                            + request.path("method").asText() + " during the request"));
        }
        String id = "jetway-" + UUID.randomUUID();
        CompletableFuture<ObjectNode> answer = clientRequests.await(id)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        ObjectNode relayed = request.deepCopy();
        relayed.put("id", id);
        if (!send(relayed)) answer.completeExceptionally(new IOException("the client closed its stream"));
        return answer;
    }

    /** Writes one message; false once the client has gone (the request still completes upstream). */
    boolean send(ObjectNode message) {
        if (clientGone) return false;
        synchronized (sink) {
            try {
                sink.send(Json.write(message));
                return true;
            } catch (IOException e) {
                clientGone = true;
                return false;
            }
        }
    }
}
