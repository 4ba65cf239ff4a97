package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.upstream.ClientRequestRefusedException;
import dev.jetway.core.json.Json;
import dev.jetway.core.upstream.UpstreamListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The listener of a stateless-era request before the front door knows whether its answer will be
 * one JSON body or an event stream: notifications are held until a stream is attached, and the
 * first one tells the front door that a stream is worth opening. A request that sends none is
 * answered as plain JSON, with the HTTP status its error calls for. The stateless era has no
 * server-to-client requests; those are refused here (input requests are handled before this).
 */
final class PendingStream implements UpstreamListener {

    private final boolean relayLogs;
    private final List<ObjectNode> held = new ArrayList<>();
    private final CompletableFuture<Void> first = new CompletableFuture<>();
    private StreamRelay relay;

    PendingStream(boolean relayLogs) {
        this.relayLogs = relayLogs;
    }

    /** Completes when the first notification worth sending arrives. */
    CompletableFuture<Void> firstNotification() {
        return first;
    }

    synchronized void attach(StreamRelay target) {
        held.forEach(target::onNotification);
        held.clear();
        relay = target;
    }

    @Override
    public void onNotification(ObjectNode notification) {
        if (!relayLogs && "notifications/message".equals(notification.path("method").asText())) return;
        synchronized (this) {
            if (relay == null) {
                held.add(notification);
                first.complete(null);
                return;
            }
        }
        relay.onNotification(notification);
    }

    @Override
    public CompletableFuture<ObjectNode> onRequest(ObjectNode request) {
        return CompletableFuture.failedFuture(new ClientRequestRefusedException(Json.object()
                .put("code", JsonRpc.METHOD_NOT_FOUND)
                .put("message", "a stateless-era client takes no server-to-client request with "
                        + request.path("method").asText())));
    }
}
