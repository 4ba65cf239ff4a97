package dev.jetway.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.resilience.RetryBackoff;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.json.Json;
import dev.jetway.core.lifecycle.ConnectorLauncher;
import dev.jetway.core.lifecycle.EventSourcedLifecycle;
import dev.jetway.core.registry.ProviderRepository;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamErrorException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Many providers as one MCP server. Lists are answered from what is known and never wait for a
 * provider; routed requests go to the provider that owns the name or URI, started on first use.
 * A provider that fails yields an error naming it, and the others keep serving.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

    /** Builds the lifecycle once the gateway can say where each provider's notifications go. */
    @FunctionalInterface
    public interface LifecycleFactory {
        ProviderLifecycle create(Function<String, UpstreamListener> providerListeners);
    }

    private final GatewayConfig config;
    private final NameMapping names;
    private final Catalog catalog;
    private final ProviderLifecycle lifecycle;
    private final Duration timeout;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, UpstreamSession> cataloguedSession = new ConcurrentHashMap<>();
    private final Set<String> discovering = ConcurrentHashMap.newKeySet();
    private final List<Consumer<ObjectNode>> subscribers = new CopyOnWriteArrayList<>();
    private volatile BuiltInTools builtIns;

    public Gateway(GatewayConfig config, LifecycleFactory lifecycles) {
        this.config = config;
        this.names = new NameMapping(config.settings().prefixNames(), config.settings().separator(),
                config.providers().keySet());
        this.catalog = new Catalog(new ArrayList<>(config.providers().keySet()), names);
        this.timeout = config.settings().requestTimeout();
        config.providers().forEach((name, spec) -> {
            if (spec.tools() instanceof ArrayNode predefined) catalog.store(name, ListKind.TOOLS, predefined);
        });
        this.lifecycle = lifecycles.create(this::providerListener);
    }

    /**
     * A gateway whose providers start on first use through the given connector, with their lives
     * recorded in an event store of its own (in memory).
     */
    public static Gateway startingOnFirstUse(GatewayConfig config, ProviderConnector connector) {
        Clock clock = Clock.systemUTC();
        return new Gateway(config, listeners -> new EventSourcedLifecycle(config.providers(),
                new ProviderRepository(new InMemoryEventStore(), clock), new ConnectorLauncher(connector),
                config.settings().lifecycle(), RetryBackoff.DEFAULT, clock, listeners));
    }

    /** Serves these tools next to the providers' tools (the management tools). */
    public void serveBuiltInTools(BuiltInTools tools) {
        this.builtIns = tools;
    }

    public GatewayConfig config() {
        return config;
    }

    /** Receives notifications meant for every client: list changes, provider log messages. */
    public void subscribe(Consumer<ObjectNode> subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(Consumer<ObjectNode> subscriber) {
        subscribers.remove(subscriber);
    }

    /** What the gateway offers as one server, whatever its providers turn out to offer. */
    public ObjectNode capabilities() {
        ObjectNode capabilities = Json.object();
        capabilities.putObject("tools").put("listChanged", true);
        capabilities.putObject("prompts").put("listChanged", true);
        capabilities.putObject("resources").put("listChanged", true);
        capabilities.putObject("completions");
        capabilities.putObject("logging");
        return capabilities;
    }

    /** The aggregated list; providers whose list is unknown are discovered in the background. */
    public ObjectNode list(ListKind kind) {
        for (String provider : config.providers().keySet()) {
            if (!catalog.isKnown(provider, kind)) discoverInBackground(provider);
        }
        catalog.collisions(kind).forEach((name, providers) ->
                LOG.warning(() -> new NameCollisionException(kind.resultField(), name, providers).getMessage()));
        ObjectNode result = Json.object();
        ArrayNode items = catalog.aggregate(kind);
        BuiltInTools tools = builtIns;
        if (kind == ListKind.TOOLS && tools != null) items.addAll(tools.definitions());
        result.set(kind.resultField(), items);
        return result;
    }

    /**
     * Routes tools/call, prompts/get, resources/read, resources/subscribe, resources/unsubscribe
     * and completion/complete to their provider and returns the provider's result unchanged apart
     * from namespaced URIs. A tools/call whose provider is unavailable is an {@code isError} result.
     */
    public ObjectNode route(String method, ObjectNode params, UpstreamListener listener) {
        ObjectNode upstreamParams = params == null ? Json.object() : params.deepCopy();
        BuiltInTools tools = builtIns;
        if (method.equals("tools/call") && tools != null && tools.offers(upstreamParams.path("name").asText())) {
            JsonNode arguments = upstreamParams.get("arguments");
            return tools.call(upstreamParams.get("name").asText(),
                    arguments instanceof ObjectNode object ? object : Json.object());
        }
        Route route = switch (method) {
            case "tools/call" -> rewriteName(upstreamParams, "name", ListKind.TOOLS, "tool");
            case "prompts/get" -> rewriteName(upstreamParams, "name", ListKind.PROMPTS, "prompt");
            case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
                    rewriteName(upstreamParams, "uri", ListKind.RESOURCES, "resource");
            case "completion/complete" -> completionRoute(upstreamParams);
            default -> throw new IllegalArgumentException("not a routed method: " + method);
        };
        try {
            ObjectNode result = lifecycle.call(route.provider(), session -> catalogued(route.provider(), session)
                    .request(method, upstreamParams, listener, timeout));
            if (method.equals("resources/read")) exposeContentUris(route.provider(), result);
            return result;
        } catch (ProviderUnavailableException e) {
            if (method.equals("tools/call")) return toolError(e.getMessage());
            throw e;
        }
    }

    /**
     * The provider a routed request would go to, without sending it; empty for methods that are not
     * routed and for names nobody owns. For telemetry labels.
     */
    public java.util.Optional<String> providerOf(String method, ObjectNode params) {
        try {
            // Resolving rewrites the name in place: a shallow copy keeps the caller's params (and skips copying arguments).
            ObjectNode copy = Json.object();
            if (params != null) copy.setAll(method.equals("completion/complete") ? params.deepCopy() : params);
            return java.util.Optional.ofNullable(switch (method) {
                case "tools/call" -> rewriteName(copy, "name", ListKind.TOOLS, "tool");
                case "prompts/get" -> rewriteName(copy, "name", ListKind.PROMPTS, "prompt");
                case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
                        rewriteName(copy, "uri", ListKind.RESOURCES, "resource");
                case "completion/complete" -> completionRoute(copy);
                default -> null;
            }).map(Route::provider);
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Sends logging/setLevel to every running provider that has logging. */
    public void setLogLevel(ObjectNode params) {
        for (String provider : config.providers().keySet()) {
            lifecycle.ifRunning(provider).ifPresent(session -> {
                if (!session.initializeResult().path("capabilities").has("logging")) return;
                try {
                    session.request("logging/setLevel", params.deepCopy(), UpstreamListener.NONE, timeout);
                } catch (ProviderUnavailableException | UpstreamErrorException e) {
                    LOG.warning(() -> "logging/setLevel: " + e.getMessage());
                }
            });
        }
    }

    /** Starts every provider now, in the background; for warm_on_start. */
    public void warmAll() {
        config.providers().keySet().forEach(this::discoverInBackground);
    }

    /** Starts one provider and learns its lists; blocks. */
    public void warm(String provider) {
        session(provider);
    }

    public String describeState(String provider) {
        return lifecycle.describeState(provider);
    }

    @Override
    public void close() {
        background.shutdownNow();
        lifecycle.close();
    }

    private UpstreamSession session(String provider) {
        return catalogued(provider, lifecycle.acquire(provider));
    }

    /** Learns the lists of a session the gateway has not seen yet (a new start replaces predefined tools). */
    private UpstreamSession catalogued(String provider, UpstreamSession session) {
        if (cataloguedSession.get(provider) != session) {
            synchronized (cataloguedSession) {
                if (cataloguedSession.get(provider) != session) {
                    refreshLists(provider, session);
                    cataloguedSession.put(provider, session);
                    announce(ListKind.values());
                }
            }
        }
        return session;
    }

    private void refreshLists(String provider, UpstreamSession session) {
        JsonNode capabilities = session.initializeResult().path("capabilities");
        for (ListKind kind : ListKind.values()) {
            if (capabilities.has(kind.capability())) {
                refreshList(provider, session, kind);
            } else {
                catalog.store(provider, kind, Json.MAPPER.createArrayNode());
            }
        }
    }

    private void refreshList(String provider, UpstreamSession session, ListKind kind) {
        ArrayNode all = Json.MAPPER.createArrayNode();
        String cursor = null;
        try {
            do {
                ObjectNode params = Json.object();
                if (cursor != null) params.put("cursor", cursor);
                ObjectNode page = session.request(kind.method(), params, UpstreamListener.NONE, timeout);
                if (page.get(kind.resultField()) instanceof ArrayNode items) all.addAll(items);
                cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
            } while (cursor != null);
            if (kind == ListKind.TOOLS) warnIfPredefinedToolsDiffer(provider, all);
            catalog.store(provider, kind, all);
        } catch (UpstreamErrorException e) {
            LOG.warning(() -> kind.method() + " of provider '" + provider + "': " + e.getMessage());
            catalog.store(provider, kind, Json.MAPPER.createArrayNode());
        }
    }

    private void warnIfPredefinedToolsDiffer(String provider, ArrayNode listed) {
        if (!(config.providers().get(provider).tools() instanceof ArrayNode predefined)) return;
        Set<String> expected = new java.util.TreeSet<>();
        predefined.forEach(tool -> expected.add(tool.path("name").asText()));
        Set<String> actual = new java.util.TreeSet<>();
        listed.forEach(tool -> actual.add(tool.path("name").asText()));
        if (!expected.equals(actual)) {
            LOG.warning(() -> "provider '" + provider + "': the tools predefined in the config " + expected
                    + " differ from the tools it lists " + actual + "; serving what it lists");
        }
    }

    private void discoverInBackground(String provider) {
        if (!config.settings().backgroundDiscovery() && !config.settings().warmOnStart()) return;
        if (!discovering.add(provider)) return;
        CompletableFuture.runAsync(() -> {
            try {
                session(provider);
            } catch (RuntimeException e) {
                LOG.warning(() -> "discovering provider '" + provider + "': " + e.getMessage());
            } finally {
                discovering.remove(provider);
            }
        }, background);
    }

    private UpstreamListener providerListener(String provider) {
        return new UpstreamListener() {
            @Override
            public void onNotification(ObjectNode notification) {
                String method = notification.path("method").asText();
                ListKind changed = switch (method) {
                    case "notifications/tools/list_changed" -> ListKind.TOOLS;
                    case "notifications/prompts/list_changed" -> ListKind.PROMPTS;
                    case "notifications/resources/list_changed" -> ListKind.RESOURCES;
                    default -> null;
                };
                if (changed == null) {
                    broadcast(notification);
                    return;
                }
                CompletableFuture.runAsync(() -> lifecycle.ifRunning(provider).ifPresent(session -> {
                    refreshList(provider, session, changed);
                    if (changed == ListKind.RESOURCES) refreshList(provider, session, ListKind.RESOURCE_TEMPLATES);
                    announce(changed);
                }), background);
            }

            @Override
            public CompletableFuture<ObjectNode> onRequest(ObjectNode request) {
                // Outside any client request there is no client to ask; the gateway itself has no roots.
                if ("roots/list".equals(request.path("method").asText())) {
                    ObjectNode noRoots = Json.object();
                    noRoots.putArray("roots");
                    return CompletableFuture.completedFuture(noRoots);
                }
                return UpstreamListener.NONE.onRequest(request);
            }
        };
    }

    private void announce(ListKind... kinds) {
        Set<String> sent = new java.util.HashSet<>();
        for (ListKind kind : kinds) {
            if (sent.add(kind.listChangedNotification())) {
                broadcast(Json.object().put("jsonrpc", "2.0").put("method", kind.listChangedNotification()));
            }
        }
    }

    private void broadcast(ObjectNode notification) {
        for (Consumer<ObjectNode> subscriber : subscribers) subscriber.accept(notification.deepCopy());
    }

    private Route rewriteName(ObjectNode params, String field, ListKind kind, String what) {
        JsonNode value = params.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidParamsException("params." + field + " must be a string naming the " + what);
        }
        Route route = resolve(kind, value.asText(), what);
        params.put(field, route.upstreamName());
        return route;
    }

    private Route completionRoute(ObjectNode params) {
        if (!(params.get("ref") instanceof ObjectNode ref)) {
            throw new InvalidParamsException("params.ref must be an object (ref/prompt or ref/resource)");
        }
        return switch (ref.path("type").asText()) {
            case "ref/prompt" -> rewriteName(ref, "name", ListKind.PROMPTS, "prompt");
            case "ref/resource" -> rewriteName(ref, "uri", ListKind.RESOURCE_TEMPLATES, "resource template");
            default -> throw new InvalidParamsException("params.ref.type must be ref/prompt or ref/resource");
        };
    }

    private Route resolve(ListKind kind, String exposed, String what) {
        var listed = catalog.find(kind, exposed, what);
        if (listed.isPresent()) return listed.get();
        if (kind == ListKind.RESOURCES) {
            var template = catalog.find(ListKind.RESOURCE_TEMPLATES, exposed, what);
            if (template.isPresent()) return template.get();
        }
        var parsed = names.parse(exposed, kind.namesAreUris());
        if (parsed.isPresent()) return parsed.get();
        if (!names.prefixes()) {
            if (kind.namesAreUris()) {
                List<String> owners = catalog.templateOwners(exposed);
                if (owners.size() == 1) return new Route(owners.get(0), exposed);
                if (owners.size() > 1) throw new NameCollisionException(what, exposed, owners);
            }
            if (config.providers().size() == 1) {
                return new Route(config.providers().keySet().iterator().next(), exposed);
            }
        }
        throw new UnknownNameException(what, exposed);
    }

    private void exposeContentUris(String provider, ObjectNode result) {
        if (!(result.get("contents") instanceof ArrayNode contents)) return;
        for (JsonNode content : contents) {
            if (content instanceof ObjectNode object && object.path("uri").isTextual()) {
                object.put("uri", names.expose(provider, object.get("uri").asText(), true));
            }
        }
    }

    private static ObjectNode toolError(String message) {
        ObjectNode result = Json.object();
        result.putArray("content").addObject().put("type", "text").put("text", message);
        result.put("isError", true);
        return result;
    }
}
