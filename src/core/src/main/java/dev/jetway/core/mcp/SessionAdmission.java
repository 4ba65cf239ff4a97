package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.SessionLimits;
import dev.jetway.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The front door's refusals of an initialize it will not keep as a session, each naming the limit
 * and the config key that raises it:
 *
 * <ul>
 *   <li>{@code clientInfo} or {@code capabilities} larger than its limit as UTF-8 JSON: a JSON-RPC
 *       invalid-params error (HTTP 200, like every other invalid initialize param); nothing is stored;
 *   <li>the caller's own sessions at {@code gateway.max_sessions_per_caller}: HTTP 429, because the
 *       caller can make room itself (DELETE sessions it no longer uses);
 *   <li>the gateway's sessions at {@code gateway.max_sessions}: HTTP 503, because the caller did
 *       nothing wrong and may succeed later or on another instance.
 * </ul>
 *
 * Both limit refusals carry {@code Retry-After}: when the first of the sessions that count against
 * the limit expires unless it is used.
 */
final class SessionAdmission {

    private final SessionLimits limits;

    SessionAdmission(SessionLimits limits) {
        this.limits = limits;
    }

    /** The refusal of an initialize whose client data is over a size limit, or empty when it fits. */
    Optional<FrontDoorResponse> oversized(JsonNode id, JsonNode params) {
        if (tooLarge(params.get("clientInfo"), limits.maxClientInfoBytes())) {
            return Optional.of(invalidParams(id, "clientInfo", limits.maxClientInfoBytes(), SessionLimits.MAX_CLIENT_INFO_BYTES_KEY));
        }
        if (tooLarge(params.get("capabilities"), limits.maxClientCapabilitiesBytes())) {
            return Optional.of(invalidParams(id, "capabilities", limits.maxClientCapabilitiesBytes(),
                    SessionLimits.MAX_CLIENT_CAPABILITIES_BYTES_KEY));
        }
        return Optional.empty();
    }

    /** The refusal of an initialize that the session store had no room for. */
    FrontDoorResponse refused(JsonNode id, SessionLimitException e) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        ObjectNode data = Json.object().put("key", e.configKey()).put("limit", e.limit())
                .put("scope", e.scope() == SessionLimitException.Scope.CALLER ? "caller" : "gateway")
                .put("retryAfterSeconds", seconds);
        int status = e.scope() == SessionLimitException.Scope.CALLER ? 429 : 503;
        ObjectNode error = JsonRpc.error(id, JsonRpc.SESSION_LIMIT_REACHED, "session limit reached: " + e.getMessage(), data);
        return new FrontDoorResponse.Complete(status, Map.of("Content-Type", "application/json",
                "Retry-After", Long.toString(seconds)), Json.write(error).getBytes(StandardCharsets.UTF_8));
    }

    private static FrontDoorResponse invalidParams(JsonNode id, String field, int limit, String key) {
        ObjectNode data = Json.object().put("field", "params." + field).put("limit", limit).put("key", key);
        ObjectNode error = JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "params." + field + " is larger than " + limit
                + " bytes of JSON, the most this gateway keeps of it for a session (" + key + ")", data);
        return new FrontDoorResponse.Complete(200, Map.of("Content-Type", "application/json"),
                Json.write(error).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether the node, written as UTF-8 JSON, takes more than {@code limit} bytes. Writing stops at
     * the first byte past the limit, so a huge node costs no more than the limit to measure.
     */
    static boolean tooLarge(JsonNode node, int limit) {
        if (!(node instanceof ObjectNode)) return false; // only objects are kept (see FrontDoor#initialize)
        try {
            Json.MAPPER.writeValue(new LimitedCounter(limit), node);
            return false;
        } catch (IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof LimitedCounter.Exceeded) return true;
            }
            throw new IllegalStateException("measuring JSON in memory failed", e);
        }
    }

    /** Counts bytes written and throws once there are more than the limit. */
    private static final class LimitedCounter extends OutputStream {

        private static final class Exceeded extends IOException {
            @Override
            public synchronized Throwable fillInStackTrace() {
                return this; // a signal, not an error: no stack trace to fill
            }
        }

        private final long limit;
        private long count;

        LimitedCounter(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
        }

        private void add(long bytes) throws Exceeded {
            count += bytes;
            if (count > limit) throw new Exceeded();
        }
    }
}
