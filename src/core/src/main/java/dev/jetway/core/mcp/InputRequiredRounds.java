package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.security.Caller;
import dev.jetway.core.gateway.InvalidParamsException;
import dev.jetway.core.json.CanonicalJson;
import dev.jetway.core.json.Json;
import dev.jetway.core.upstream.UpstreamListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Multi round-trip requests (SEP-2322) for stateless-era clients in front of providers that ask
 * their questions as session-era server-to-client requests. When a provider asks during a
 * tools/call, prompts/get or resources/read, the client gets an InputRequiredResult with those
 * questions and a sealed requestState; its retry answers the questions and the same upstream call
 * goes on. The upstream call waits in this process: when the retry reaches an instance that does
 * not hold it (another Lambda instance, a restart, an expired wait), the request is replayed from
 * the start with every answer given so far, which the state carries, so a provider that asks the
 * same questions again gets them answered at once.
 */
final class InputRequiredRounds {

    static final Set<String> METHODS = Set.of("tools/call", "prompts/get", "resources/read");
    private static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    /** Questions asked together arrive within this window and are returned together. */
    static final Duration GATHER = Duration.ofMillis(150);
    static final Duration STATE_TTL = Duration.ofMinutes(10);

    private final Gateway gateway;
    private final Supplier<RequestStateSealer> sealer;
    private final Clock clock;
    private final Duration timeout;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    private record Waiting(InputExchange exchange, long expiresAtMillis) {}

    InputRequiredRounds(Gateway gateway, Supplier<RequestStateSealer> sealer, Clock clock, Duration timeout) {
        this.gateway = gateway;
        this.sealer = sealer;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The complete result, or an InputRequiredResult; bad state or answers are InvalidParamsException. */
    ObjectNode route(String method, ObjectNode params, UpstreamListener listener, Caller caller) {
        // A continued request is checked again, and only the caller the state was issued to may continue it.
        gateway.authorize(method, params, caller);
        JsonNode responses = params.get("inputResponses");
        if (responses != null && !responses.isObject()) {
            throw new InvalidParamsException("params.inputResponses must be an object that maps the keys of "
                    + "inputRequests to their results");
        }
        JsonNode stateText = params.get("requestState");
        if (stateText != null && !stateText.isTextual()) {
            throw new InvalidParamsException("params.requestState must be the string of an earlier InputRequiredResult");
        }
        ObjectNode upstreamParams = params.deepCopy();
        upstreamParams.remove("inputResponses");
        upstreamParams.remove("requestState");
        String target = params.path(method.equals("resources/read") ? "uri" : "name").asText();
        String digest = digest(method, params);

        InputExchange exchange = null;
        JsonNode earlier = null;
        if (stateText != null) {
            ObjectNode state = sealer.get().open(stateText.asText()).orElseThrow(() -> new InvalidParamsException(
                    "params.requestState failed its integrity check: it was altered or not issued by this gateway"));
            if (state.path("e").asLong() < clock.millis()) {
                throw new InvalidParamsException("params.requestState has expired; send the request again without it");
            }
            if (!method.equals(state.path("m").asText()) || !target.equals(state.path("t").asText())
                    || !digest.equals(state.path("d").asText()) || !ownerOf(caller).equals(state.path("o").asText())) {
                throw new InvalidParamsException("params.requestState belongs to a different request");
            }
            earlier = state.get("a");
            Waiting held = waiting.remove(state.path("c").asText());
            if (held != null && held.exchange().isLive()) exchange = held.exchange();
        }
        if (exchange == null) {
            InputExchange fresh = new InputExchange(params.path("_meta").get(META_CAPABILITIES));
            fresh.supply(earlier);
            fresh.supply(responses);
            fresh.start(() -> gateway.route(method, upstreamParams, fresh, dev.jetway.core.upstream.Cancellation.none(), caller), calls);
            exchange = fresh;
        } else {
            exchange.supply(responses);
        }
        return round(exchange, method, target, digest, listener, ownerOf(caller));
    }

    /** Whom a state is issued to: only that caller may continue the round (empty: the gateway's own trust). */
    private static String ownerOf(Caller caller) {
        return caller == null ? "" : caller.subject();
    }

    private ObjectNode round(InputExchange exchange, String method, String target, String digest,
                             UpstreamListener listener, String owner) {
        InputExchange.Round round;
        exchange.notifyTo(listener);
        try {
            round = exchange.await(GATHER, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.abandon("the gateway stopped waiting");
            throw new IllegalStateException("interrupted while waiting for the provider", e);
        } finally {
            exchange.notifyTo(UpstreamListener.NONE);
        }
        return switch (round) {
            case InputExchange.Done done -> {
                if (done.failure() != null) throw done.failure();
                yield done.result();
            }
            case InputExchange.InvalidInput invalid -> {
                exchange.abandon(invalid.message());
                throw new InvalidParamsException(invalid.message());
            }
            case InputExchange.NeedsInput needs -> inputRequired(exchange, needs, method, target, digest, owner);
        };
    }

    private ObjectNode inputRequired(InputExchange exchange, InputExchange.NeedsInput needs, String method,
                                     String target, String digest, String owner) {
        sweepExpired();
        String continuation = UUID.randomUUID().toString();
        long expires = clock.millis() + STATE_TTL.toMillis();
        waiting.put(continuation, new Waiting(exchange, expires));
        ObjectNode state = Json.object().put("v", 1).put("c", continuation).put("m", method).put("t", target)
                .put("d", digest).put("e", expires).put("o", owner);
        state.set("a", exchange.usedAnswers());
        ObjectNode result = Json.object().put("resultType", "input_required");
        ObjectNode requests = result.putObject("inputRequests");
        for (InputExchange.InputRequest request : needs.outstanding()) {
            ObjectNode entry = requests.putObject(request.key()).put("method", request.method());
            entry.set("params", request.params());
        }
        result.put("requestState", sealer.get().seal(state));
        return result;
    }

    /** Releases upstream calls whose client never came back. */
    private void sweepExpired() {
        long now = clock.millis();
        waiting.entrySet().removeIf(entry -> {
            if (entry.getValue().expiresAtMillis() >= now) return false;
            entry.getValue().exchange().abandon("the client did not answer in time");
            return true;
        });
    }

    /** What the state is bound to: the method and its arguments (not _meta, not the answers). */
    private static String digest(String method, ObjectNode params) {
        ObjectNode salient = params.deepCopy();
        salient.remove(java.util.List.of("_meta", "inputResponses", "requestState"));
        salient.put("method", method);
        return CanonicalJson.sha256(salient).substring(0, 32);
    }
}
