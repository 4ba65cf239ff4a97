package dev.jetway.core.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jetway.core.json.Json;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The client half of JSON-RPC over a message channel where nothing but ids ties an answer to its
 * request (stdio). Our own ids are used upstream, so clients' ids never meet; progress tokens are
 * replaced by gateway-unique ones on the way up and restored on the way back for the same reason.
 * A server-to-client request is handed to the most recent request still in flight, the only
 * association stdio offers.
 */
public final class JsonRpcPeer {

    private final String provider;
    private final Consumer<String> send;
    private final UpstreamListener providerListener;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Pending> byProgressToken = new ConcurrentHashMap<>();
    private final Deque<Pending> inFlight = new ArrayDeque<>();
    private volatile String closedBecause;

    private record Pending(String id, CompletableFuture<JsonNode> future, UpstreamListener listener,
                           String upstreamToken, JsonNode clientToken) {}

    /**
     * @param send writes one serialized JSON-RPC message to the provider; must be thread-safe
     */
    public JsonRpcPeer(String provider, Consumer<String> send, UpstreamListener providerListener) {
        this.provider = provider;
        this.send = send;
        this.providerListener = providerListener;
    }

    /** Sends a request and blocks for its result; see {@link UpstreamSession#request}. */
    public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout) {
        return request(method, params, listener, timeout, Cancellation.none());
    }

    /** Sends a request that the client may cancel; see {@link UpstreamSession#request}. */
    public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout,
                              Cancellation cancellation) {
        if (closedBecause != null) throw new ProviderUnavailableException(provider, closedBecause);
        String id = "jw-" + ids.incrementAndGet();
        ObjectNode outgoing = params == null ? null : params.deepCopy();
        String upstreamToken = null;
        JsonNode clientToken = null;
        JsonNode meta = outgoing == null ? null : outgoing.get("_meta");
        if (meta instanceof ObjectNode metaObject && metaObject.has("progressToken")) {
            clientToken = metaObject.get("progressToken");
            upstreamToken = id;
            metaObject.put("progressToken", upstreamToken);
        }
        Pending call = new Pending(id, new CompletableFuture<>(), listener, upstreamToken, clientToken);
        pending.put(id, call);
        if (upstreamToken != null) byProgressToken.put(upstreamToken, call);
        synchronized (inFlight) {
            inFlight.push(call);
        }
        try {
            ObjectNode message = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
            if (outgoing != null) message.set("params", outgoing);
            send.accept(Json.write(message));
            cancellation.onCancel(reason -> {
                if (call.future().isDone()) return;
                notify("notifications/cancelled", Json.object().put("requestId", id).put("reason", reason));
                call.future().completeExceptionally(new RequestCancelledException(provider, method, reason));
            });
            JsonNode outcome = call.future().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (outcome.has("error")) throw new UpstreamErrorException(provider, errorObject(outcome.get("error")));
            JsonNode result = outcome.get("result");
            return result instanceof ObjectNode object ? object : Json.object();
        } catch (TimeoutException e) {
            notify("notifications/cancelled", Json.object().put("requestId", id).put("reason", "timed out in the gateway"));
            throw new ProviderUnavailableException(provider, method + " did not answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException(provider, method + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProviderUnavailableException unavailable) throw unavailable;
            if (cause instanceof RequestCancelledException cancelled) throw cancelled;
            throw new ProviderUnavailableException(provider, String.valueOf(cause.getMessage()), cause);
        } finally {
            pending.remove(id);
            if (upstreamToken != null) byProgressToken.remove(upstreamToken);
            synchronized (inFlight) {
                inFlight.remove(call);
            }
        }
    }

    public void notify(String method, ObjectNode params) {
        if (closedBecause != null) return;
        ObjectNode message = Json.object().put("jsonrpc", "2.0").put("method", method);
        if (params != null) message.set("params", params);
        try {
            send.accept(Json.write(message));
        } catch (RuntimeException e) {
            closed("cannot write to it: " + e.getMessage());
        }
    }

    /** Feeds one message read from the provider. Malformed input is ignored, as JSON-RPC allows. */
    public void accept(String line) {
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(line);
        } catch (Exception e) {
            return;
        }
        if (message instanceof ObjectNode object) accept(object);
    }

    public void accept(ObjectNode message) {
        boolean hasMethod = message.hasNonNull("method");
        boolean hasId = message.has("id") && !message.get("id").isNull();
        if (!hasMethod && hasId) {
            Pending call = pending.get(message.get("id").asText());
            if (call != null) call.future().complete(message);
        } else if (hasMethod && hasId) {
            answerServerRequest(message);
        } else if (hasMethod) {
            routeNotification(message);
        }
    }

    /** Fails every request in flight; later requests fail at once with the same reason. */
    public void closed(String reason) {
        if (closedBecause != null) return;
        closedBecause = reason;
        ProviderUnavailableException failure = new ProviderUnavailableException(provider, reason);
        pending.values().forEach(p -> p.future().completeExceptionally(failure));
    }

    public boolean isOpen() {
        return closedBecause == null;
    }

    private void routeNotification(ObjectNode message) {
        if ("notifications/progress".equals(message.path("method").asText())) {
            JsonNode params = message.get("params");
            Pending call = params == null ? null : byProgressToken.get(params.path("progressToken").asText());
            if (call != null && params instanceof ObjectNode progress) {
                ObjectNode restored = message.deepCopy();
                ((ObjectNode) restored.get("params")).set("progressToken", call.clientToken());
                call.listener().onNotification(restored);
                return;
            }
        }
        Pending latest = latestInFlight();
        if (latest != null && "notifications/message".equals(message.path("method").asText())) {
            latest.listener().onNotification(message);
        } else {
            providerListener.onNotification(message);
        }
    }

    private void answerServerRequest(ObjectNode request) {
        Pending latest = latestInFlight();
        UpstreamListener target = latest != null ? latest.listener() : providerListener;
        CompletableFuture<ObjectNode> answer;
        try {
            answer = target.onRequest(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((result, failure) -> {
            ObjectNode response = Json.object().put("jsonrpc", "2.0");
            response.set("id", request.get("id"));
            if (failure == null) {
                response.set("result", result == null ? Json.object() : result);
            } else if (unwrap(failure) instanceof ClientRequestRefusedException refused) {
                response.set("error", refused.error());
            } else {
                response.putObject("error").put("code", -32603)
                        .put("message", "the gateway could not relay " + request.path("method").asText()
                                + ": " + rootMessage(failure));
            }
            try {
                send.accept(Json.write(response));
            } catch (RuntimeException e) {
                closed("cannot write to it: " + e.getMessage());
            }
        });
    }

    private Pending latestInFlight() {
        synchronized (inFlight) {
            return inFlight.peek();
        }
    }

    private static ObjectNode errorObject(JsonNode error) {
        if (error instanceof ObjectNode object) return object;
        return Json.object().put("code", -32603).set("message", TextNode.valueOf(error.toString()));
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return String.valueOf(root.getMessage());
    }
}
