package dev.jetway.core.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.RequestObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * Turns front-door exchanges into telemetry: a {@code Request} per answered HTTP request, a
 * {@code SessionStart} when an initialize created a session, a {@code SessionEnd} when the client
 * deleted one. Events go to a sink that must not block (a {@link TelemetryBus}).
 *
 * <p>The client's name and version come from the initialize of its session (session era) or from
 * the request's {@code _meta} (stateless era). Sessions are remembered in this instance only, at
 * most {@value #MAX_SESSIONS} at a time; a session started elsewhere ends without a SessionEnd here.
 */
public final class RequestTelemetry implements RequestObserver {

    static final int MAX_SESSIONS = 10_000;
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";

    private record SessionInfo(Instant startedAt, String clientName, String clientVersion, AtomicLong requests) {}

    private final EventSink sink;
    private final Clock clock;
    private final String proxy;
    private final BiFunction<String, ObjectNode, Optional<String>> providerOf;
    private final Map<String, SessionInfo> sessions = new ConcurrentHashMap<>();

    /**
     * @param proxy this gateway's name in every event
     * @param providerOf the provider a routed method and its params go to (the gateway's routing)
     */
    public RequestTelemetry(EventSink sink, Clock clock, String proxy,
            BiFunction<String, ObjectNode, Optional<String>> providerOf) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.proxy = proxy;
        this.providerOf = Objects.requireNonNull(providerOf, "providerOf");
    }

    @Override
    public void onExchange(Exchange exchange) {
        Instant now = clock.instant();
        JsonNode body = parse(exchange.request().body());
        String mcpMethod = body == null ? null : body.isArray() ? "batch" : text(body.get("method"));
        ObjectNode params = body != null && body.get("params") instanceof ObjectNode p ? p : Json.object();
        String session = exchange.request().headers().first(SESSION_HEADER)
                .orElse(exchange.responseHeaders().get(SESSION_HEADER));
        JsonNode answer = parse(exchange.lastMessage());

        if ("initialize".equals(mcpMethod) && exchange.status() == 200 && exchange.responseHeaders().containsKey(SESSION_HEADER)) {
            startSession(exchange.responseHeaders().get(SESSION_HEADER), params.path("clientInfo"), now);
        }
        SessionInfo known = session == null ? null : sessions.get(session);
        if (known != null) known.requests().incrementAndGet();
        JsonNode metaClient = params.path("_meta").path(META_CLIENT_INFO);
        String clientName = known != null ? known.clientName() : text(metaClient.get("name"));
        String clientVersion = known != null ? known.clientVersion() : text(metaClient.get("version"));

        JsonNode error = answer == null ? null : answer.get("error");
        sink.onEvent(new TelemetryEvent.Request(UUID.randomUUID().toString(), now, proxy, session,
                exchange.request().method(), exchange.request().path(), mcpMethod,
                "tools/call".equals(mcpMethod) ? text(params.get("name")) : null,
                exchange.status(), micros(exchange.latencyNanos()),
                exchange.upstreamNanos() > 0 ? micros(exchange.upstreamNanos()) : null,
                exchange.request().body().length, exchange.responseBytes(),
                error != null && error.path("code").isIntegralNumber() ? error.get("code").asInt() : null,
                error == null ? null : text(error.get("message")),
                clientName, clientVersion, null,
                mcpMethod == null ? null : providerOf.apply(mcpMethod, params).orElse(null),
                answer != null && answer.path("result").path("isError").asBoolean(false) ? Boolean.TRUE : null));

        if ("DELETE".equals(exchange.request().method()) && exchange.status() == 200 && session != null) {
            endSession(session, now);
        }
    }

    private void startSession(String session, JsonNode clientInfo, Instant now) {
        String name = text(clientInfo.get("name"));
        String version = text(clientInfo.get("version"));
        if (sessions.size() < MAX_SESSIONS) sessions.put(session, new SessionInfo(now, name, version, new AtomicLong()));
        sink.onEvent(new TelemetryEvent.SessionStart(now, proxy, session, name, version, null));
    }

    private void endSession(String session, Instant now) {
        SessionInfo info = sessions.remove(session);
        if (info == null) return;
        sink.onEvent(new TelemetryEvent.SessionEnd(now, proxy, session,
                Math.max(0, Duration.between(info.startedAt(), now).toMillis()), info.requests().get()));
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) return null;
        try {
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isEmpty()) return null;
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static long micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(Math.max(0, nanos));
    }
}
