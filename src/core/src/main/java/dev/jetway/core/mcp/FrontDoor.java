package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.GatewaySettings;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.gateway.InvalidParamsException;
import dev.jetway.core.gateway.ListKind;
import dev.jetway.core.gateway.NameCollisionException;
import dev.jetway.core.gateway.UnknownNameException;
import dev.jetway.core.json.Json;
import dev.jetway.core.security.Caller;
import dev.jetway.core.upstream.Cancellation;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.RequestCancelledException;
import dev.jetway.core.upstream.UpstreamErrorException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.Version;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one MCP endpoint of the gateway, for both protocol eras. It checks the HTTP envelope
 * (Host, Origin, size, content type, protocol version, session), parses only the JSON-RPC
 * envelope, and hands methods to the {@link Gateway}. Everything a provider returns goes back
 * as the provider wrote it.
 */
public final class FrontDoor {

    public static final String PATH = "/mcp";
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    private static final Set<String> ROUTED = Set.of("tools/call", "prompts/get", "resources/read",
            "resources/subscribe", "resources/unsubscribe", "completion/complete");
    private static final Set<String> REMOVED_IN_STATELESS = Set.of("initialize", "ping", "logging/setLevel",
            "resources/subscribe", "resources/unsubscribe");
    private static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    private static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    private static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    private static final int STREAM_CHECK_POLLS = 10;

    private final Gateway gateway;
    private final SessionStore sessions;
    private final GatewaySettings settings;
    private final RequestGuard guard;
    private final Clock clock;
    private final SessionExpiry expiry;
    private final boolean canHoldStreams;
    private final ClientRequests clientRequests = new ClientRequests();
    private final ResourceSubscriptions resourceSubscriptions = new ResourceSubscriptions();
    private final InputRequiredRounds inputRequired;
    private final SessionAdmission admission;
    private final java.util.concurrent.ExecutorService statelessCalls =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, List<SessionStream>> sessionStreams = new ConcurrentHashMap<>();
    private final NotificationAudience audience;
    private final ObservedExchanges observed;
    /** Routed requests in flight on this instance, by session and client request id, for notifications/cancelled. */
    private final Map<String, Cancellation> inFlight = new ConcurrentHashMap<>();

    /**
     * @param canHoldStreams whether the runtime can keep a GET event stream open (local mode yes,
     *     buffered Lambda responses no: GET is then answered 405)
     */
    public FrontDoor(Gateway gateway, SessionStore sessions, Clock clock, boolean canHoldStreams) {
        this(gateway, sessions, clock, canHoldStreams, RequestObserver.NONE);
    }

    /** @param observer told once about every answered request (telemetry); must never block */
    public FrontDoor(Gateway gateway, SessionStore sessions, Clock clock, boolean canHoldStreams,
                     RequestObserver observer) {
        this(gateway, sessions, clock, canHoldStreams, observer,
                () -> RequestStateSealer.fromEnvironment(System::getenv));
    }

    /**
     * @param sealer seals the requestState of InputRequiredResults; asked for on first use only (a
     *     generated key is never made at start-up, where SnapStart would clone it)
     */
    public FrontDoor(Gateway gateway, SessionStore sessions, Clock clock, boolean canHoldStreams,
                     RequestObserver observer, java.util.function.Supplier<RequestStateSealer> sealer) {
        this.observed = new ObservedExchanges(observer);
        this.gateway = gateway;
        this.sessions = sessions;
        this.settings = gateway.config().settings();
        this.guard = new RequestGuard(settings.allowedHosts(), settings.allowedOrigins());
        this.clock = clock;
        this.expiry = SessionExpiry.idleAfter(settings.sessionIdleTtl());
        this.admission = new SessionAdmission(settings.sessionLimits());
        this.canHoldStreams = canHoldStreams;
        this.inputRequired = new InputRequiredRounds(gateway, memoized(sealer), clock, settings.requestTimeout());
        this.audience = new NotificationAudience(gateway);
        gateway.subscribe(this::toSessionStreams);
    }

    /** A request of the gateway's own trust: nothing is hidden by the access policy. */
    public FrontDoorResponse handle(FrontDoorRequest request) {
        return handle(request, null);
    }

    /**
     * A request from {@code caller}, as the security edge established it: lists show only what the
     * caller may use and routed requests for anything else are refused as unknown names.
     */
    public FrontDoorResponse handle(FrontDoorRequest request, Caller caller) {
        return observed.handle(request, r -> serve(r, caller));
    }

    private FrontDoorResponse serve(FrontDoorRequest request, Caller caller) {
        Optional<String> badHost = guard.rejectHost(request.headers().first("Host"));
        if (badHost.isPresent()) return plain(421, badHost.get());
        Optional<String> badOrigin = guard.rejectOrigin(request.headers().first("Origin"));
        if (badOrigin.isPresent()) return plain(403, badOrigin.get());
        if (!PATH.equals(stripQuery(request.path()))) return plain(404, "not found; the MCP endpoint is " + PATH);
        return switch (request.method()) {
            case "POST" -> post(request, caller);
            case "GET" -> get(request, caller);
            case "DELETE" -> delete(request, caller);
            default -> new FrontDoorResponse.Complete(405, Map.of("Allow", "GET, POST, DELETE",
                    "Content-Type", "text/plain; charset=utf-8"), bytes("method not allowed"));
        };
    }

    // ---- POST -------------------------------------------------------------------------------

    private FrontDoorResponse post(FrontDoorRequest request, Caller caller) {
        if (request.body().length > settings.maxBodyBytes()) {
            return json(413, JsonRpc.error(null, JsonRpc.INVALID_REQUEST,
                    "request body is larger than " + settings.maxBodyBytes() + " bytes"));
        }
        Optional<String> contentType = request.headers().first("Content-Type");
        if (contentType.isEmpty() || !contentType.get().toLowerCase().startsWith("application/json")) {
            return json(415, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Content-Type must be application/json"));
        }
        if (!accepts(request, "application/json") && !accepts(request, "text/event-stream")) {
            return json(406, JsonRpc.error(null, JsonRpc.INVALID_REQUEST,
                    "Accept must include application/json and text/event-stream"));
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(request.body());
        } catch (Exception e) {
            return json(400, JsonRpc.error(null, JsonRpc.PARSE_ERROR, "parse error: the body is not valid JSON"));
        }
        if (body == null || body.isMissingNode()) {
            return json(400, JsonRpc.error(null, JsonRpc.PARSE_ERROR, "parse error: the body is empty"));
        }
        Optional<String> headerVersion = request.headers().first(VERSION_HEADER);
        boolean stateless = headerVersion.map(ProtocolVersions::isStatelessEra).orElse(false)
                || (headerVersion.map(v -> !ProtocolVersions.isSessionEra(v)).orElse(true) && declaresMetaVersion(body));
        return stateless ? statelessPost(request, body, headerVersion, caller) : sessionPost(request, body, headerVersion, caller);
    }

    private FrontDoorResponse sessionPost(FrontDoorRequest request, JsonNode body, Optional<String> headerVersion,
                                          Caller caller) {
        if (headerVersion.isPresent() && !ProtocolVersions.isSessionEra(headerVersion.get())) {
            return json(400, JsonRpc.error(idOf(body), JsonRpc.INVALID_REQUEST, "unsupported " + VERSION_HEADER
                    + " '" + headerVersion.get() + "'; supported: " + supportedVersions()));
        }
        if (body instanceof ObjectNode single && "initialize".equals(single.path("method").asText())) {
            return initialize(single, caller);
        }
        Optional<String> sessionId = request.headers().first(SESSION_HEADER);
        if (sessionId.isEmpty()) {
            return json(400, JsonRpc.error(idOf(body), JsonRpc.INVALID_REQUEST,
                    "missing " + SESSION_HEADER + " header; send initialize first"));
        }
        Optional<Session> session = liveSession(sessionId.get(), caller);
        if (session.isEmpty()) {
            return json(404, JsonRpc.error(idOf(body), JsonRpc.SESSION_NOT_FOUND, "session not found; initialize again"));
        }
        String version = session.get().protocolVersion();
        if (body instanceof ArrayNode batch) {
            if (!ProtocolVersions.allowsBatches(version)) {
                return json(400, JsonRpc.error(null, JsonRpc.INVALID_REQUEST,
                        "JSON-RPC batches are not allowed in protocol version " + version));
            }
            return sessionBatch(batch, session.get().id(), caller);
        }
        if (!(body instanceof ObjectNode message)) {
            return json(400, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "the body must be a JSON-RPC message object"));
        }
        Optional<String> invalid = Envelope.problem(message);
        if (invalid.isPresent()) return json(400, JsonRpc.error(idOf(message), JsonRpc.INVALID_REQUEST, invalid.get()));
        if (Envelope.isResponse(message)) {
            clientRequests.answer(message);
            return accepted();
        }
        if (Envelope.isNotification(message)) {
            if ("notifications/cancelled".equals(message.path("method").asText())) cancel(sessionId.get(), message);
            return accepted();
        }
        if ("initialize".equals(message.path("method").asText())) {
            return json(400, JsonRpc.error(message.get("id"), JsonRpc.INVALID_REQUEST, "session already initialized"));
        }
        if ("logging/setLevel".equals(message.path("method").asText()) && message.path("params").path("level").isTextual()) {
            sessions.replace(session.get().withLogLevel(message.path("params").path("level").asText()));
        }
        return dispatch(request, message, false, inFlightKey(sessionId.get(), message.get("id")), caller);
    }

    private FrontDoorResponse sessionBatch(ArrayNode batch, String sessionId, Caller caller) {
        if (batch.isEmpty()) return json(400, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "empty batch"));
        ArrayNode responses = Json.MAPPER.createArrayNode();
        for (JsonNode item : batch) {
            if (!(item instanceof ObjectNode message) || Envelope.problem(message).isPresent()) {
                responses.add(JsonRpc.error(idOf(item), JsonRpc.INVALID_REQUEST, "invalid JSON-RPC message in batch"));
                continue;
            }
            if (Envelope.isResponse(message)) {
                clientRequests.answer(message);
            } else if (!Envelope.isNotification(message)) {
                responses.add(answer(message, UpstreamListener.NONE, false, sessionId, Cancellation.none(), caller));
            }
        }
        if (responses.isEmpty()) return accepted();
        return new FrontDoorResponse.Complete(200, Map.of("Content-Type", "application/json"), bytes(Json.write(responses)));
    }

    private FrontDoorResponse initialize(ObjectNode message, Caller caller) {
        Optional<String> invalid = Envelope.problem(message);
        if (invalid.isPresent() || Envelope.isNotification(message)) {
            return json(400, JsonRpc.error(idOf(message), JsonRpc.INVALID_REQUEST, invalid.orElse("initialize must be a request")));
        }
        JsonNode requested = message.path("params").path("protocolVersion");
        if (!requested.isTextual()) {
            return json(200, JsonRpc.error(message.get("id"), JsonRpc.INVALID_PARAMS,
                    "params.protocolVersion must be a string"));
        }
        String version = ProtocolVersions.negotiate(requested.asText());
        JsonNode params = message.path("params");
        Optional<FrontDoorResponse> oversized = admission.oversized(message.get("id"), params);
        if (oversized.isPresent()) return oversized.get();
        Session session = Session.open(SessionIds.next(), version,
                params.get("clientInfo") instanceof ObjectNode info ? info : null,
                params.get("capabilities") instanceof ObjectNode capabilities ? capabilities : null,
                clock.instant(), expiry, ownerOf(caller));
        try {
            sessions.put(session);
        } catch (SessionLimitException e) {
            return admission.refused(message.get("id"), e);
        }
        ObjectNode result = Json.object().put("protocolVersion", version);
        result.set("capabilities", gateway.capabilities());
        result.putObject("serverInfo").put("name", "jetway").put("version", Version.VALUE);
        result.put("instructions", "Jetway gateway: tools, prompts and resources of several MCP servers. "
                + "Names are prefixed with their provider's name when prefixing is on.");
        return new FrontDoorResponse.Complete(200, Map.of("Content-Type", "application/json",
                SESSION_HEADER, session.id()), bytes(Json.write(JsonRpc.result(message.get("id"), result))));
    }

    private FrontDoorResponse statelessPost(FrontDoorRequest request, JsonNode body, Optional<String> headerVersion,
                                            Caller caller) {
        if (!(body instanceof ObjectNode message)) {
            return json(400, JsonRpc.error(null, JsonRpc.INVALID_REQUEST,
                    "the body must be one JSON-RPC message object (no batches in " + ProtocolVersions.STATELESS_ERA + ")"));
        }
        JsonNode id = idOf(message);
        Optional<String> invalid = Envelope.problem(message);
        if (invalid.isPresent()) return json(400, JsonRpc.error(id, JsonRpc.INVALID_REQUEST, invalid.get()));
        if (Envelope.isResponse(message)) {
            clientRequests.answer(message);
            return accepted();
        }
        if (headerVersion.isEmpty()) return json(400, JsonRpc.error(id, JsonRpc.HEADER_MISMATCH, "missing " + VERSION_HEADER + " header"));
        String method = message.get("method").asText();
        JsonNode meta = message.path("params").path("_meta");
        if (Envelope.isNotification(message)) return accepted();
        if (!meta.has(META_VERSION) || !meta.has(META_CAPABILITIES)) {
            return json(400, JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "invalid params: _meta must carry "
                    + META_VERSION + " and " + META_CAPABILITIES));
        }
        if (!headerVersion.get().equals(meta.get(META_VERSION).asText())) {
            return json(400, JsonRpc.error(id, JsonRpc.HEADER_MISMATCH,
                    VERSION_HEADER + " header does not match _meta " + META_VERSION));
        }
        if (!ProtocolVersions.isStatelessEra(headerVersion.get())) {
            ObjectNode data = Json.object();
            ArrayNode supported = data.putArray("supported");
            ProtocolVersions.STATELESS_ERA.forEach(supported::add);
            data.put("requested", headerVersion.get());
            return json(400, JsonRpc.error(id, JsonRpc.UNSUPPORTED_PROTOCOL_VERSION, "unsupported protocol version", data));
        }
        Optional<String> mismatch = headerMismatch(request, message, method);
        if (mismatch.isPresent()) return json(400, JsonRpc.error(id, JsonRpc.HEADER_MISMATCH, mismatch.get()));
        if (REMOVED_IN_STATELESS.contains(method)) {
            return json(404, JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "method not found: " + method
                    + " does not exist in protocol version " + headerVersion.get()));
        }
        if (method.equals("server/discover")) return json(200, JsonRpc.result(id, discover()));
        if (method.equals("subscriptions/listen") && canHoldStreams) return listen(message);
        return dispatch(request, message, true, null, caller);
    }

    /**
     * A subscriptions/listen stream (SEP-2575): an acknowledgement naming the notifications this
     * gateway honours, then those notifications as they happen, each tagged with the subscription
     * id (the listen request's id). It lasts until the client goes away.
     */
    private FrontDoorResponse listen(ObjectNode message) {
        JsonNode requested = message.path("params").path("notifications");
        Map<String, String> honoured = new LinkedHashMap<>();
        for (ListKind kind : ListKind.values()) {
            String filter = kind.resultField().equals("resourceTemplates") ? null
                    : kind.resultField() + "ListChanged";
            if (filter != null && requested.path(filter).asBoolean(false)) honoured.put(kind.listChangedNotification(), filter);
        }
        String subscriptionId = message.get("id").asText();
        BlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>();
        java.util.function.BiConsumer<String, ObjectNode> subscriber = (provider, notification) -> {
            if (honoured.containsKey(notification.path("method").asText())) queue.offer(notification);
        };
        gateway.subscribe(subscriber);
        return new FrontDoorResponse.EventStream(200, Map.of("Content-Type", "text/event-stream",
                "Cache-Control", "no-cache"), sink -> {
            try {
                ObjectNode ack = Json.object().put("jsonrpc", "2.0").put("method", "notifications/subscriptions/acknowledged");
                ObjectNode params = ack.putObject("params");
                ObjectNode filters = params.putObject("notifications");
                honoured.values().forEach(filter -> filters.put(filter, true));
                sink.send(Json.write(tagged(ack, subscriptionId)));
                while (true) {
                    ObjectNode next = queue.poll(1, TimeUnit.SECONDS);
                    if (next != null) sink.send(Json.write(tagged(next, subscriptionId)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                gateway.unsubscribe(subscriber);
            }
        });
    }

    private static ObjectNode tagged(ObjectNode notification, String subscriptionId) {
        ObjectNode params = notification.get("params") instanceof ObjectNode p ? p : notification.putObject("params");
        ObjectNode meta = params.get("_meta") instanceof ObjectNode m ? m : params.putObject("_meta");
        meta.put("io.modelcontextprotocol/subscriptionId", subscriptionId);
        return notification;
    }

    private static Optional<String> headerMismatch(FrontDoorRequest request, ObjectNode message, String method) {
        Optional<String> methodHeader = request.headers().first("Mcp-Method");
        if (methodHeader.isEmpty()) return Optional.of("missing Mcp-Method header");
        if (!methodHeader.get().equals(method)) {
            return Optional.of("Mcp-Method header '" + methodHeader.get() + "' does not match the body's method '" + method + "'");
        }
        String nameField = switch (method) {
            case "tools/call", "prompts/get" -> "name";
            case "resources/read" -> "uri";
            default -> null;
        };
        if (nameField == null) return Optional.empty();
        JsonNode bodyName = message.path("params").path(nameField);
        Optional<String> nameHeader = request.headers().first("Mcp-Name");
        if (nameHeader.isEmpty()) return Optional.of("missing Mcp-Name header");
        if (!bodyName.isTextual() || !bodyName.asText().equals(nameHeader.get())) {
            return Optional.of("Mcp-Name header does not match params." + nameField);
        }
        return Optional.empty();
    }

    private ObjectNode discover() {
        ObjectNode result = Json.object();
        ArrayNode versions = result.putArray("supportedVersions");
        ProtocolVersions.STATELESS_ERA.forEach(versions::add);
        result.set("capabilities", gateway.capabilities());
        result.put("instructions", "Jetway gateway: tools, prompts and resources of several MCP servers.");
        result.putObject("_meta").putObject("io.modelcontextprotocol/serverInfo")
                .put("name", "jetway").put("version", Version.VALUE);
        return StatelessResults.stamp("server/discover", result);
    }

    // ---- dispatch ---------------------------------------------------------------------------

    /**
     * @param cancelKey where a notifications/cancelled for this request will look for it, or null
     *     when the request cannot be cancelled (stateless era: no session to scope client ids)
     */
    private FrontDoorResponse dispatch(FrontDoorRequest request, ObjectNode message, boolean stateless, String cancelKey,
                                       Caller caller) {
        String method = message.get("method").asText();
        String sessionId = stateless ? null : request.headers().first(SESSION_HEADER).orElse(null);
        int notFoundStatus = stateless ? 404 : 200;
        if (stateless && ROUTED.contains(method)) return statelessRouted(request, message, caller);
        Cancellation cancellation = Cancellation.none();
        if (cancelKey != null && ROUTED.contains(method)) inFlight.put(cancelKey, cancellation);
        if (ROUTED.contains(method) && accepts(request, "text/event-stream")) {
            boolean relayLogs = !stateless || message.path("params").path("_meta").has(META_LOG_LEVEL);
            return new FrontDoorResponse.EventStream(200, Map.of("Content-Type", "text/event-stream",
                    "Cache-Control", "no-cache"), sink -> {
                try {
                    StreamRelay relay = new StreamRelay(sink, clientRequests, settings.requestTimeout(), relayLogs);
                    ObjectNode response = answer(message, relay, stateless, sessionId, cancellation, caller);
                    // A cancelled request gets no response: the stream just ends, as the spec asks.
                    if (!cancellation.isCancelled()) relay.send(response);
                } finally {
                    if (cancelKey != null) inFlight.remove(cancelKey, cancellation);
                }
            });
        }
        ObjectNode response;
        try {
            response = answer(message, UpstreamListener.NONE, stateless, sessionId, cancellation, caller);
        } finally {
            if (cancelKey != null) inFlight.remove(cancelKey, cancellation);
        }
        int status = response.path("error").path("code").asInt() == JsonRpc.METHOD_NOT_FOUND ? notFoundStatus : 200;
        return json(status, response);
    }

    /**
     * A routed stateless-era request: answered as plain JSON (with the HTTP status its error calls
     * for) unless the provider sends a notification first, which turns the answer into a stream.
     */
    private FrontDoorResponse statelessRouted(FrontDoorRequest request, ObjectNode message, Caller caller) {
        boolean relayLogs = message.path("params").path("_meta").has(META_LOG_LEVEL);
        PendingStream pending = new PendingStream(relayLogs);
        java.util.concurrent.CompletableFuture<ObjectNode> response = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> answer(message, pending, true, null, Cancellation.none(), caller), statelessCalls)
                .exceptionally(failure -> JsonRpc.error(message.get("id"), JsonRpc.INTERNAL_ERROR,
                        "the gateway failed: " + failure.getMessage()));
        if (accepts(request, "text/event-stream")) {
            ObservedExchanges.upstream(() -> java.util.concurrent.CompletableFuture
                    .anyOf(response, pending.firstNotification()).join());
        }
        if (response.isDone() || !accepts(request, "text/event-stream")) {
            ObjectNode answer = ObservedExchanges.upstream(response::join);
            int code = answer.path("error").path("code").asInt();
            int status = code == JsonRpc.METHOD_NOT_FOUND ? 404 : code == JsonRpc.MISSING_CLIENT_CAPABILITY ? 400 : 200;
            return json(status, answer);
        }
        return new FrontDoorResponse.EventStream(200, Map.of("Content-Type", "text/event-stream",
                "Cache-Control", "no-cache"), sink -> {
            StreamRelay relay = new StreamRelay(sink, clientRequests, settings.requestTimeout(), relayLogs);
            pending.attach(relay);
            relay.send(ObservedExchanges.upstream(response::join));
        });
    }

    private static <T> java.util.function.Supplier<T> memoized(java.util.function.Supplier<T> supplier) {
        return new java.util.function.Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T current = value;
                if (current == null) {
                    synchronized (this) {
                        if (value == null) value = supplier.get();
                        current = value;
                    }
                }
                return current;
            }
        };
    }

    /** The JSON-RPC response to one request; every failure becomes a JSON-RPC error here. */
    private ObjectNode answer(ObjectNode message, UpstreamListener listener, boolean stateless, String sessionId,
                              Cancellation cancellation, Caller caller) {
        JsonNode id = message.get("id");
        String method = message.get("method").asText();
        ObjectNode params = message.get("params") instanceof ObjectNode p ? p : Json.object();
        try {
            ObjectNode result;
            ListKind kind = ListKind.forMethod(method);
            if (kind != null) {
                JsonNode cursor = params.get("cursor");
                if (cursor != null && !cursor.isNull() && !cursor.isTextual()) {
                    return JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "params.cursor must be a string from an earlier nextCursor");
                }
                result = gateway.list(kind, cursor == null || cursor.isNull() ? null : cursor.asText(), caller);
            } else if (ROUTED.contains(method)) {
                result = ObservedExchanges.upstream(() -> stateless && InputRequiredRounds.METHODS.contains(method)
                        ? inputRequired.route(method, params, listener, caller)
                        : route(method, params, listener, sessionId, cancellation, caller));
            } else if (method.equals("ping")) {
                result = Json.object();
            } else if (method.equals("logging/setLevel")) {
                if (!params.path("level").isTextual()) {
                    return JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "params.level must be a string");
                }
                gateway.setLogLevel(params);
                result = Json.object();
            } else {
                return JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "method not found: " + method);
            }
            return JsonRpc.result(id, stateless ? StatelessResults.stamp(method, result) : result);
        } catch (InvalidParamsException | UnknownNameException | NameCollisionException e) {
            return JsonRpc.error(id, JsonRpc.INVALID_PARAMS, e.getMessage());
        } catch (UpstreamErrorException e) {
            return JsonRpc.errorObject(id, withRequestedUri(method, params, e.error()));
        } catch (RequestCancelledException e) {
            return JsonRpc.error(id, JsonRpc.REQUEST_CANCELLED, e.getMessage(), Json.object().put("provider", e.provider()));
        } catch (ProviderUnavailableException e) {
            ObjectNode data = Json.object().put("provider", e.provider());
            return JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, e.getMessage(), data);
        }
    }

    /** Routes a request, keeping count of which session subscribed to which resource. */
    private ObjectNode route(String method, ObjectNode params, UpstreamListener listener, String sessionId,
                             Cancellation cancellation, Caller caller) {
        String uri = params.path("uri").asText(null);
        boolean tracked = sessionId != null && uri != null;
        // Authorized before the subscription count is consulted, which would tell of other sessions' subscriptions.
        if (tracked && method.equals("resources/unsubscribe")) gateway.authorize(method, params, caller);
        if (tracked && method.equals("resources/unsubscribe")
                && resourceSubscriptions.unsubscribeAndCheckOthers(sessionId, uri)) {
            return Json.object(); // another session still needs the provider's subscription
        }
        ObjectNode result = gateway.route(method, params, listener, cancellation, caller);
        if (tracked && method.equals("resources/subscribe")) resourceSubscriptions.subscribe(sessionId, uri);
        return result;
    }

    /**
     * A provider's "resource not found" (-32602, or -32002 before SEP-2164) names no URI, or its own
     * one; the client asked for the URI it sees, so that is the one data.uri carries.
     */
    private static ObjectNode withRequestedUri(String method, ObjectNode params, ObjectNode error) {
        int code = error.path("code").asInt();
        if (!method.equals("resources/read") || !params.path("uri").isTextual() || (code != JsonRpc.INVALID_PARAMS && code != -32002)) {
            return error;
        }
        JsonNode data = error.get("data");
        if (data != null && !data.isObject()) return error;
        ObjectNode object = data == null ? error.putObject("data") : (ObjectNode) data;
        object.put("uri", params.get("uri").asText());
        return error;
    }

    // ---- GET and DELETE ---------------------------------------------------------------------

    private FrontDoorResponse get(FrontDoorRequest request, Caller caller) {
        Optional<String> version = request.headers().first(VERSION_HEADER);
        if (version.map(ProtocolVersions::isStatelessEra).orElse(false)) {
            return new FrontDoorResponse.Complete(405, Map.of("Allow", "POST, DELETE"), new byte[0]);
        }
        if (!canHoldStreams) {
            // Said in the body too: a client that sees only "405" cannot tell a missing feature from a bug.
            return new FrontDoorResponse.Complete(405, Map.of("Allow", "POST, DELETE", "Content-Type", "application/json"),
                    bytes(Json.write(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "GET event streams are not "
                            + "available here: this gateway runtime buffers every response and cannot hold a "
                            + "stream open. Use POST; notifications that belong to a request arrive in its response."))));
        }
        if (!accepts(request, "text/event-stream")) {
            return plain(406, "GET opens an event stream: Accept must include text/event-stream");
        }
        Optional<Session> session = request.headers().first(SESSION_HEADER).flatMap(id -> liveSession(id, caller));
        if (session.isEmpty()) {
            return json(request.headers().first(SESSION_HEADER).isPresent() ? 404 : 400,
                    JsonRpc.error(null, JsonRpc.SESSION_NOT_FOUND, "a valid " + SESSION_HEADER + " is required"));
        }
        String sessionId = session.get().id();
        SessionStream stream = new SessionStream(caller, new LinkedBlockingQueue<>());
        BlockingQueue<ObjectNode> queue = stream.queue();
        // Registered before the response leaves, so nothing sent after the client sees 200 is lost.
        List<SessionStream> streams = sessionStreams.computeIfAbsent(sessionId, k -> new CopyOnWriteArrayList<>());
        streams.add(stream);
        return new FrontDoorResponse.EventStream(200, Map.of("Content-Type", "text/event-stream",
                "Cache-Control", "no-cache"), sink -> {
            try {
                // The store is asked every STREAM_CHECK_POLLS seconds (which also keeps the session
                // alive while its stream is open); a DELETE on this instance ends the stream at once.
                for (long polls = 1; sessionStreams.get(sessionId) == streams
                        && (polls % STREAM_CHECK_POLLS != 0 || liveSession(sessionId, caller).isPresent()); polls++) {
                    ObjectNode next = queue.poll(1, TimeUnit.SECONDS);
                    if (next != null) sink.send(Json.write(next));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                List<SessionStream> open = sessionStreams.get(sessionId);
                if (open != null) open.remove(stream);
            }
        });
    }

    /** A notification from {@code provider} (null: the gateway) to every open stream whose caller may hear it. */
    private void toSessionStreams(String provider, ObjectNode notification) {
        boolean update = "notifications/resources/updated".equals(notification.path("method").asText());
        String uri = notification.path("params").path("uri").asText("");
        sessionStreams.forEach((sessionId, streams) -> {
            if (update && !resourceSubscriptions.wants(sessionId, uri)) return;
            for (SessionStream stream : streams) {
                if (audience.hears(stream.caller(), provider, notification)) stream.queue().offer(notification.deepCopy());
            }
        });
    }

    /** One open GET stream of a session, and the caller that opened it (its owner). */
    private record SessionStream(Caller caller, BlockingQueue<ObjectNode> queue) {}

    private FrontDoorResponse delete(FrontDoorRequest request, Caller caller) {
        Optional<String> sessionId = request.headers().first(SESSION_HEADER);
        if (sessionId.isEmpty()) return plain(400, "missing " + SESSION_HEADER + " header");
        Instant now = clock.instant();
        // Another caller's session reads exactly like one that does not exist.
        boolean owned = sessions.find(sessionId.get(), now).map(s -> s.isOwnedBy(ownerOf(caller))).orElse(false);
        if (!owned || !sessions.remove(sessionId.get(), now)) return plain(404, "session not found");
        sessionStreams.remove(sessionId.get());
        releaseSubscriptions(sessionId.get());
        return new FrontDoorResponse.Complete(200, Map.of(), new byte[0]);
    }

    /** Lets go of what this instance holds for sessions its store dropped as expired: event streams, subscriptions. */
    public void forgetSessions(java.util.Collection<String> sessionIds) {
        for (String sessionId : sessionIds) {
            sessionStreams.remove(sessionId);
            releaseSubscriptions(sessionId);
        }
    }

    /** Unsubscribes the provider from what only the ended session was subscribed to. */
    private void releaseSubscriptions(String sessionId) {
        for (String uri : resourceSubscriptions.endSession(sessionId)) {
            Thread.ofVirtual().start(() -> {
                try {
                    gateway.route("resources/unsubscribe", Json.object().put("uri", uri), UpstreamListener.NONE);
                } catch (RuntimeException e) {
                    // The provider keeps a subscription nobody listens to; its updates are dropped here.
                }
            });
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Forwards a client's notifications/cancelled to the request it names, if it is in flight here. */
    private void cancel(String sessionId, ObjectNode notification) {
        JsonNode params = notification.path("params");
        JsonNode requestId = params.get("requestId");
        if (requestId == null || !(requestId.isTextual() || requestId.isIntegralNumber())) return;
        Cancellation cancellation = inFlight.get(inFlightKey(sessionId, requestId));
        if (cancellation != null) cancellation.cancel(params.path("reason").isTextual() ? params.get("reason").asText() : null);
    }

    private static String inFlightKey(String sessionId, JsonNode clientRequestId) {
        return sessionId + "\n" + Json.write(clientRequestId);
    }

    /**
     * The session if it is alive and belongs to the caller, its expiry pushed forward when the last
     * push is old enough. Another caller's session is not found, so that a stolen or guessed
     * {@code Mcp-Session-Id} neither works nor tells that it exists.
     */
    private Optional<Session> liveSession(String id, Caller caller) {
        Instant now = clock.instant();
        Optional<Session> found = sessions.find(id, now).filter(s -> s.isOwnedBy(ownerOf(caller)));
        if (found.isEmpty() || !expiry.needsRefresh(found.get(), now)) return found;
        Session refreshed = found.get().refreshed(now, expiry.expiresAt(now));
        return sessions.replace(refreshed) ? Optional.of(refreshed) : Optional.empty();
    }

    /** Who a session belongs to: the authenticated subject, or the anonymous owner for trusted requests. */
    private static String ownerOf(Caller caller) {
        return caller == null ? Session.ANONYMOUS_OWNER : caller.subject();
    }

    private static boolean declaresMetaVersion(JsonNode body) {
        return body.path("params").path("_meta").has(META_VERSION);
    }

    private static boolean accepts(FrontDoorRequest request, String mediaType) {
        List<String> accept = request.headers().tokens("Accept");
        return accept.isEmpty() || accept.contains(mediaType) || accept.contains("*/*");
    }

    private static JsonNode idOf(JsonNode body) {
        JsonNode id = body == null ? null : body.get("id");
        return id != null && (id.isTextual() || id.isNumber()) ? id : null;
    }

    private static String supportedVersions() {
        List<String> all = new java.util.ArrayList<>(ProtocolVersions.SESSION_ERA);
        all.addAll(ProtocolVersions.STATELESS_ERA);
        return String.join(", ", all);
    }

    private static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static FrontDoorResponse accepted() {
        return new FrontDoorResponse.Complete(202, Map.of(), new byte[0]);
    }

    private static FrontDoorResponse json(int status, ObjectNode message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return new FrontDoorResponse.Complete(status, headers, bytes(Json.write(message)));
    }

    private static FrontDoorResponse plain(int status, String text) {
        return new FrontDoorResponse.Complete(status, Map.of("Content-Type", "text/plain; charset=utf-8"), bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
