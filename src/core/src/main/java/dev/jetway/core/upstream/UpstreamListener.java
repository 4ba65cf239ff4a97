package dev.jetway.core.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * Receives what a provider sends on its own initiative: notifications (progress, log messages,
 * list changes) and server-to-client requests (sampling, elicitation, roots). Messages are whole
 * JSON-RPC objects, untouched apart from the progress token, which is restored to the client's.
 */
public interface UpstreamListener {

    /** A listener that drops notifications and refuses requests (nobody can answer them). */
    UpstreamListener NONE = new UpstreamListener() {
        @Override
        public void onNotification(ObjectNode notification) {
            // Deliberately dropped: nobody is listening for this provider's notifications.
        }

        @Override
        public CompletableFuture<ObjectNode> onRequest(ObjectNode request) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "the client of this request cannot answer server-to-client requests"));
        }
    };

    void onNotification(ObjectNode notification);

    /**
     * Answers a server-to-client request. The future completes with the JSON-RPC {@code result}
     * object; a failed future is sent upstream as a JSON-RPC error.
     */
    CompletableFuture<ObjectNode> onRequest(ObjectNode request);
}
