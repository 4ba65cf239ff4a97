package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.upstream.ClientRequestRefusedException;
import dev.jetway.core.upstream.UpstreamListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One stateless-era request whose provider may ask the client for input while it runs. The
 * provider's server-to-client requests (elicitation, sampling, roots) are held here, each under
 * a key, until the client's retry brings {@code inputResponses} with the same keys; the upstream
 * call stays pending meanwhile. Answers the client gave before a request was asked (a replay, or
 * a first call that already carries inputResponses) are used as soon as the request comes.
 */
final class InputExchange implements UpstreamListener {

    /** Where a provider may name an input request; its value becomes the inputRequests key. */
    static final String KEY_HINT = "dev.jetway/inputKey";
    private static final Map<String, String> CAPABILITY = Map.of("elicitation/create", "elicitation",
            "sampling/createMessage", "sampling", "roots/list", "roots");
    private static final Map<String, String> SHORT_NAME = Map.of("elicitation/create", "elicitation",
            "sampling/createMessage", "sampling", "roots/list", "roots");
    private static final Object SIGNAL = new Object();

    record InputRequest(String key, String method, ObjectNode params, CompletableFuture<ObjectNode> answer) {}

    /** How far one round got. */
    sealed interface Round permits Done, NeedsInput, InvalidInput {}

    /** The upstream call ended: a result, or the failure it ended with. */
    record Done(ObjectNode result, RuntimeException failure) implements Round {}

    /** The provider waits for answers to these. */
    record NeedsInput(List<InputRequest> outstanding) implements Round {}

    /** An answer the client gave is not a valid result for its request. */
    record InvalidInput(String message) implements Round {}

    private final JsonNode clientCapabilities;
    private final Map<String, JsonNode> given = new HashMap<>();
    private final Map<String, JsonNode> used = new LinkedHashMap<>();
    private final List<InputRequest> outstanding = new ArrayList<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    private volatile CompletableFuture<ObjectNode> upstream;
    private volatile UpstreamListener notifications = UpstreamListener.NONE;
    private volatile String invalid;

    InputExchange(JsonNode clientCapabilities) {
        this.clientCapabilities = clientCapabilities == null ? Json.object() : clientCapabilities;
    }

    /** Answers the client already gave (from an earlier round or with this very request). */
    synchronized void supply(JsonNode answers) {
        if (answers == null || !answers.isObject()) return;
        answers.fields().forEachRemaining(entry -> given.put(entry.getKey(), entry.getValue()));
        for (InputRequest request : List.copyOf(outstanding)) {
            JsonNode answer = given.get(request.key());
            if (answer != null) {
                outstanding.remove(request);
                answerWith(request, answer);
            }
        }
        signals.add(SIGNAL);
    }

    void start(Supplier<ObjectNode> call, Executor executor) {
        upstream = CompletableFuture.supplyAsync(call, executor);
        upstream.whenComplete((result, failure) -> signals.add(SIGNAL));
    }

    /** Whether the upstream call still runs (it can be resumed). */
    boolean isLive() {
        return upstream != null && !upstream.isDone() && invalid == null;
    }

    void notifyTo(UpstreamListener listener) {
        this.notifications = listener;
    }

    /** Every answer consumed so far, by key: what a replay needs to get back to this point. */
    synchronized ObjectNode usedAnswers() {
        ObjectNode out = Json.object();
        used.forEach(out::set);
        return out;
    }

    /** Ends the upstream conversation: every question still open is refused. */
    synchronized void abandon(String reason) {
        ClientRequestRefusedException refused = new ClientRequestRefusedException(
                Json.object().put("code", JsonRpc.INTERNAL_ERROR).put("message", reason));
        outstanding.forEach(request -> request.answer().completeExceptionally(refused));
        outstanding.clear();
    }

    /**
     * Waits until the upstream call ends, or until it waits for answers and no further question has
     * come for {@code gather} (questions asked together are returned together), or for a bad answer.
     */
    Round await(Duration gather, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (invalid != null) return new InvalidInput(invalid);
            if (upstream.isDone()) return done();
            List<InputRequest> open;
            synchronized (this) {
                open = List.copyOf(outstanding);
            }
            long remaining = deadline - System.nanoTime();
            long wait = open.isEmpty() ? remaining : Math.min(gather.toNanos(), remaining);
            if (wait <= 0) return open.isEmpty() ? done() : new NeedsInput(open);
            if (signals.poll(wait, TimeUnit.NANOSECONDS) == null && !open.isEmpty()) return new NeedsInput(open);
        }
    }

    @Override
    public void onNotification(ObjectNode notification) {
        notifications.onNotification(notification);
    }

    @Override
    public CompletableFuture<ObjectNode> onRequest(ObjectNode request) {
        String method = request.path("method").asText();
        String capability = CAPABILITY.get(method);
        if (capability == null) {
            return CompletableFuture.failedFuture(new ClientRequestRefusedException(Json.object()
                    .put("code", JsonRpc.METHOD_NOT_FOUND).put("message", method + " cannot be asked of a client")));
        }
        if (!clientCapabilities.has(capability)) {
            ObjectNode error = Json.object().put("code", JsonRpc.MISSING_CLIENT_CAPABILITY)
                    .put("message", "the client did not declare the " + capability + " capability");
            error.putObject("data").putObject("requiredCapabilities").putObject(capability);
            return CompletableFuture.failedFuture(new ClientRequestRefusedException(error));
        }
        ObjectNode params = request.get("params") instanceof ObjectNode p ? p.deepCopy() : Json.object();
        InputRequest input;
        synchronized (this) {
            input = new InputRequest(keyFor(method, params), method, withoutHint(params), new CompletableFuture<>());
            JsonNode answer = given.get(input.key());
            if (answer != null) {
                answerWith(input, answer);
            } else {
                outstanding.add(input);
            }
        }
        signals.add(SIGNAL);
        return input.answer();
    }

    private String keyFor(String method, ObjectNode params) {
        String hinted = params.path("_meta").path(KEY_HINT).asText(null);
        String base = hinted != null && !hinted.isBlank() ? hinted : SHORT_NAME.get(method);
        int n = counts.merge(base, 1, Integer::sum);
        // Keys are unique within the request; a provider that asks twice under one name gets "name-2".
        return hinted != null && !hinted.isBlank() && n == 1 ? base : base + "-" + n;
    }

    private static ObjectNode withoutHint(ObjectNode params) {
        if (params.get("_meta") instanceof ObjectNode meta) {
            meta.remove(KEY_HINT);
            if (meta.isEmpty()) params.remove("_meta");
        }
        return params;
    }

    private void answerWith(InputRequest request, JsonNode answer) {
        Optional<String> problem = InputResponses.problem(request.method(), answer);
        if (problem.isPresent()) {
            invalid = "inputResponses." + request.key() + " is not a valid " + request.method() + " result: " + problem.get();
            request.answer().completeExceptionally(new ClientRequestRefusedException(
                    Json.object().put("code", JsonRpc.INVALID_PARAMS).put("message", invalid)));
            signals.add(SIGNAL);
            return;
        }
        used.put(request.key(), answer);
        request.answer().complete((ObjectNode) answer.deepCopy());
    }

    private Done done() {
        try {
            return new Done(upstream.join(), null);
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Done(null, cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause));
        } catch (java.util.concurrent.CancellationException e) {
            return new Done(null, e);
        }
    }
}
