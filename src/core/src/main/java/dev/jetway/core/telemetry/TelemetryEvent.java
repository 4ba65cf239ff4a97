package dev.jetway.core.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * One telemetry event. Wire form: a JSON object whose {@code type} is the record's simple name,
 * then the record's snake_case fields; absent values are left out. Schemas live in
 * jetway-events-schema under {@code jetway/telemetry/<Type>/v1.schema.json}.
 */
public sealed interface TelemetryEvent {

    /** Error messages are cut to this many characters: they can carry upstream output of any size. */
    int MAX_ERROR_MESSAGE_CHARS = 512;

    Instant ts();

    default String type() {
        return getClass().getSimpleName();
    }

    default ObjectNode toJson() {
        ObjectNode node = Json.object().put("type", type());
        node.setAll(Json.toObject(this));
        return node;
    }

    /**
     * One MCP request through the gateway. Latencies in microseconds, sizes in bytes.
     *
     * @param provider the provider a routed request went to (absent for lists and local methods)
     * @param toolError a tools/call whose result has {@code isError: true} (the call reached its tool
     *     or the gateway answered for an unavailable provider; not a JSON-RPC error)
     */
    record Request(
            @JsonProperty("id") String id,
            @JsonProperty("ts") Instant ts,
            @JsonProperty("proxy") String proxy,
            @JsonProperty("session") String session,
            @JsonProperty("method") String method,
            @JsonProperty("path") String path,
            @JsonProperty("mcp_method") String mcpMethod,
            @JsonProperty("tool") String tool,
            @JsonProperty("status") int status,
            @JsonProperty("latency_us") long latencyMicros,
            @JsonProperty("upstream_us") Long upstreamMicros,
            @JsonProperty("request_bytes") long requestBytes,
            @JsonProperty("response_bytes") long responseBytes,
            @JsonProperty("error_code") Integer errorCode,
            @JsonProperty("error_message") String errorMessage,
            @JsonProperty("client_name") String clientName,
            @JsonProperty("client_version") String clientVersion,
            @JsonProperty("note") String note,
            @JsonProperty("provider") String provider,
            @JsonProperty("tool_error") Boolean toolError) implements TelemetryEvent {
        public Request {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(ts, "ts");
            Objects.requireNonNull(method, "method");
            if (latencyMicros < 0 || requestBytes < 0 || responseBytes < 0) {
                throw new IllegalArgumentException("latency and sizes must be >= 0");
            }
            if (errorMessage != null && errorMessage.length() > MAX_ERROR_MESSAGE_CHARS) {
                errorMessage = errorMessage.substring(0, MAX_ERROR_MESSAGE_CHARS - 1) + "…";
            }
        }

        /** A JSON-RPC error, an HTTP error status, or a tool result flagged as an error. */
        public boolean failed() {
            return errorCode != null || status >= 400 || Boolean.TRUE.equals(toolError);
        }
    }

    record SessionStart(
            @JsonProperty("ts") Instant ts,
            @JsonProperty("proxy") String proxy,
            @JsonProperty("session") String session,
            @JsonProperty("client_name") String clientName,
            @JsonProperty("client_version") String clientVersion,
            @JsonProperty("platform") ClientPlatform platform) implements TelemetryEvent {
        public SessionStart {
            Objects.requireNonNull(ts, "ts");
            Objects.requireNonNull(session, "session");
            platform = platform == null ? ClientPlatform.of(clientName) : platform;
        }
    }

    record SessionEnd(
            @JsonProperty("ts") Instant ts,
            @JsonProperty("proxy") String proxy,
            @JsonProperty("session") String session,
            @JsonProperty("duration_ms") long durationMs,
            @JsonProperty("requests") long requests) implements TelemetryEvent {
        public SessionEnd {
            Objects.requireNonNull(ts, "ts");
            Objects.requireNonNull(session, "session");
        }
    }

    /** Liveness of one gateway instance; carries the bus's drop count so that drops are visible. */
    record Heartbeat(
            @JsonProperty("ts") Instant ts,
            @JsonProperty("proxy") String proxy,
            @JsonProperty("uptime_s") long uptimeSeconds,
            @JsonProperty("active_sessions") int activeSessions,
            @JsonProperty("dropped_events") long droppedEvents) implements TelemetryEvent {
        public Heartbeat { Objects.requireNonNull(ts, "ts"); }
    }
}
