package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-to-client requests (sampling, elicitation, roots) that the gateway relayed to a client
 * on an event stream and whose answer the client will POST. They live in this instance's memory:
 * the stream that carried the request is held by this instance too.
 */
final class ClientRequests {

    private final Map<String, CompletableFuture<ObjectNode>> waiting = new ConcurrentHashMap<>();

    CompletableFuture<ObjectNode> await(String id) {
        CompletableFuture<ObjectNode> future = new CompletableFuture<>();
        waiting.put(id, future);
        future.whenComplete((r, e) -> waiting.remove(id));
        return future;
    }

    /** Completes the matching request with the client's response; false when nobody waits for it. */
    boolean answer(ObjectNode response) {
        JsonNode id = response.get("id");
        CompletableFuture<ObjectNode> future = id == null ? null : waiting.get(id.asText());
        if (future == null) return false;
        if (response.get("result") instanceof ObjectNode result) {
            future.complete(result);
        } else {
            future.completeExceptionally(new IllegalStateException(
                    "the client answered with an error: " + response.path("error")));
        }
        return true;
    }
}
