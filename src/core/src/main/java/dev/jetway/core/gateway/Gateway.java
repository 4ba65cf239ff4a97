package dev.jetway.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.resilience.RetryBackoff;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.groups.GroupRouter;
import dev.jetway.core.groups.GroupUnavailableException;
import dev.jetway.core.json.Json;
import dev.jetway.core.ledger.InMemorySchemaVersionStore;
import dev.jetway.core.ledger.ListMethod;
import dev.jetway.core.ledger.SchemaLedger;
import dev.jetway.core.ledger.SchemaVersion;
import dev.jetway.core.lifecycle.ConnectorLauncher;
import dev.jetway.core.lifecycle.EventSourcedLifecycle;
import dev.jetway.core.registry.ProviderRepository;
import dev.jetway.core.security.AccessPolicy;
import dev.jetway.core.security.Caller;
import dev.jetway.core.upstream.Cancellation;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.RequestCancelledException;
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
import java.util.function.BiConsumer;
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
    private volatile NameMapping names;
    private volatile Map<String, ProviderSpec> providers;
    private final Catalog catalog;
    private final ProviderLifecycle lifecycle;
    private final GroupRouter groups;
    private final SchemaLedger ledger;
    private final Set<String> seededFromLedger = ConcurrentHashMap.newKeySet();
    private final GroupLists groupLists;
    private final Duration timeout;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, UpstreamSession> cataloguedSession = new ConcurrentHashMap<>();
    private final Set<String> discovering = ConcurrentHashMap.newKeySet();
    private final List<BiConsumer<String, ObjectNode>> subscribers = new CopyOnWriteArrayList<>();
    private volatile BuiltInTools builtIns;
    /** Per-tool authorization, or null: everybody may use everything. */
    private final AccessPolicy policy;
    private final ToolPins pins;
    private final ArgumentValidator arguments = new ArgumentValidator();

    /** A gateway that keeps its schema ledger in memory. */
    public Gateway(GatewayConfig config, LifecycleFactory lifecycles) {
        this(config, lifecycles, new SchemaLedger(new InMemorySchemaVersionStore(), Clock.systemUTC()));
    }

    /**
     * @param ledger where every list a provider returns is recorded as a content-hashed version, and
     *     where lists are read from before a provider has answered in this instance
     */
    public Gateway(GatewayConfig config, LifecycleFactory lifecycles, SchemaLedger ledger) {
        this(config, lifecycles, ledger, new InMemoryEventStore(), Clock.systemUTC());
    }

    /**
     * @param approvals where approvals of pinned providers' tool versions are kept (the event store
     *     of the providers' streams, so that every instance sees them)
     * @param clock when approvals happen
     */
    public Gateway(GatewayConfig config, LifecycleFactory lifecycles, SchemaLedger ledger, EventStore approvals,
                   Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.policy = config.security().policy();
        this.pins = new ToolPins(config.security(), ledger, approvals, clock);
        this.providers = config.providers();
        this.names = new NameMapping(config.settings().prefixNames(), config.settings().separator(),
                config.providers().keySet());
        this.catalog = new Catalog(new ArrayList<>(config.providers().keySet()), names);
        this.timeout = config.settings().requestTimeout();
        config.providers().forEach((name, spec) -> {
            if (spec.tools() instanceof ArrayNode predefined) catalog.store(name, ListKind.TOOLS, predefined);
        });
        this.lifecycle = lifecycles.create(this::providerListener);
        this.groups = new GroupRouter(name -> java.util.Optional.ofNullable(providers().get(name))
                .map(ProviderSpec::group), lifecycle);
        this.groupLists = new GroupLists(catalog);
        for (ListKind kind : ListKind.values()) groupLists.refresh(providers(), kind);
    }

    /** The providers as configured now (the file, and what was added, changed or removed since), by name, in order. */
    public Map<String, ProviderSpec> providers() {
        return providers;
    }

    /**
     * Serves a provider added or changed at run time: its name routes, its predefined tools (if any)
     * are listed, lists learnt under an older spec are forgotten, and clients hear that lists changed.
     * The lifecycle must know the provider already.
     */
    public synchronized void putProvider(String name, ProviderSpec spec) {
        Map<String, ProviderSpec> next = new java.util.LinkedHashMap<>(providers);
        next.put(name, spec);
        providers = java.util.Collections.unmodifiableMap(next);
        names = new NameMapping(config.settings().prefixNames(), config.settings().separator(), next.keySet());
        catalog.reset(name);
        cataloguedSession.remove(name);
        seededFromLedger.removeIf(key -> key.startsWith(name + "|"));
        if (spec.tools() instanceof ArrayNode predefined) catalog.store(name, ListKind.TOOLS, predefined);
        for (ListKind kind : ListKind.values()) groupLists.refresh(providers, kind);
        announce(ListKind.values());
    }

    /** Stops serving a provider removed at run time: its names no longer route and its items leave every list. */
    public synchronized void removeProvider(String name) {
        Map<String, ProviderSpec> next = new java.util.LinkedHashMap<>(providers);
        if (next.remove(name) == null) return;
        providers = java.util.Collections.unmodifiableMap(next);
        names = new NameMapping(config.settings().prefixNames(), config.settings().separator(), next.keySet());
        catalog.remove(name);
        cataloguedSession.remove(name);
        for (ListKind kind : ListKind.values()) groupLists.refresh(providers, kind);
        announce(ListKind.values());
    }

    /** The schema versions of what every provider listed. */
    public SchemaLedger ledger() {
        return ledger;
    }

    /** The provider's last known list of {@code kind} (upstream names), if any. */
    public java.util.Optional<ArrayNode> knownList(String provider, ListKind kind) {
        return java.util.Optional.ofNullable(catalog.get(provider, kind));
    }

    /**
     * Whether the gateway knows a tool of this client-visible name: one of its own (management) tools,
     * or one in the last {@code tools/list} it has from a provider. Metrics carry only such names.
     */
    public boolean isKnownTool(String exposedName) {
        BuiltInTools tools = builtIns;
        if (tools != null && tools.offers(exposedName)) return true;
        try {
            return catalog.find(ListKind.TOOLS, exposedName, "tool").isPresent();
        } catch (NameCollisionException e) {
            return true;
        }
    }

    /** Routes calls to {@code mode: group} providers over their members. */
    public GroupRouter groups() {
        return groups;
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

    /** The names of the tools served by the gateway itself (the management tools), for start-up logs. */
    public List<String> builtInToolNames() {
        BuiltInTools tools = builtIns;
        List<String> names = new ArrayList<>();
        if (tools != null) tools.definitions().forEach(tool -> names.add(tool.path("name").asText()));
        return names;
    }

    public GatewayConfig config() {
        return config;
    }

    /**
     * Receives notifications meant for every client (list changes, provider log messages, resource
     * updates) with the name of the provider that sent them, or null for the gateway's own, so that
     * each client can be told only about providers it may use.
     */
    public void subscribe(BiConsumer<String, ObjectNode> subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(BiConsumer<String, ObjectNode> subscriber) {
        subscribers.remove(subscriber);
    }

    /** What the gateway offers as one server, whatever its providers turn out to offer. */
    public ObjectNode capabilities() {
        ObjectNode capabilities = Json.object();
        capabilities.putObject("tools").put("listChanged", true);
        capabilities.putObject("prompts").put("listChanged", true);
        ObjectNode resources = capabilities.putObject("resources").put("listChanged", true);
        if (anyRunningProviderOffers("subscribe")) resources.put("subscribe", true);
        capabilities.putObject("completions");
        capabilities.putObject("logging");
        return capabilities;
    }

    /**
     * Whether a running provider declares {@code resources.<feature>}; a provider that has not
     * started yet is not counted, since what it offers is unknown until its initialize answer.
     */
    private boolean anyRunningProviderOffers(String resourcesFeature) {
        return providers().keySet().stream().map(lifecycle::ifRunning).flatMap(java.util.Optional::stream)
                .anyMatch(session -> session.initializeResult().path("capabilities").path("resources")
                        .path(resourcesFeature).asBoolean(false));
    }

    /** The first page of the aggregated list. */
    public ObjectNode list(ListKind kind) {
        return list(kind, null);
    }

    /**
     * One page of the aggregated list ({@code gateway.page_size} items), with {@code nextCursor}
     * when more follow; providers whose list is unknown are served from the schema ledger when it
     * has them, and discovered in the background.
     *
     * @param cursor the client's {@code params.cursor}, or null for the first page
     * @throws InvalidParamsException when the cursor is not one this gateway issued for this list
     */
    public ObjectNode list(ListKind kind, String cursor) {
        return list(kind, cursor, null);
    }

    /**
     * As {@link #list(ListKind, String)}, showing only what {@code caller} may use (null: the gateway
     * itself, which sees everything) and leaving out tools held back by pinning. Items are filtered
     * before they are counted: every page but the last holds {@code page_size} items the caller may
     * see, and {@code nextCursor} is there only when another such item follows. The management tools
     * close the last page for callers permitted management.
     */
    public ObjectNode list(ListKind kind, String cursor, Caller caller) {
        ListCursor start = cursor == null ? null : ListCursor.decode(cursor, kind, catalog.providers());
        boolean seeded = false;
        for (String provider : providers().keySet()) {
            if (!catalog.isKnown(provider, kind)) seeded |= seedFromLedger(provider, kind);
        }
        if (seeded) groupLists.refresh(providers(), kind);
        for (String provider : providers().keySet()) {
            if (!catalog.isKnown(provider, kind)) discoverInBackground(provider);
        }
        catalog.collisions(kind).forEach((name, providers) ->
                LOG.warning(() -> new NameCollisionException(kind.resultField(), name, providers).getMessage()));
        Map<String, Set<String>> held = kind == ListKind.TOOLS ? heldToolsByProvider() : Map.of();
        Catalog.Page page = catalog.page(kind, start, config.settings().pageSize(), (provider, upstream, exposed) ->
                !held.getOrDefault(provider, Set.of()).contains(upstream) && permits(caller, exposed));
        ObjectNode result = Json.object();
        result.set(kind.resultField(), page.items());
        BuiltInTools tools = builtIns;
        // The gateway's own tools close the last page.
        if (kind == ListKind.TOOLS && tools != null && page.next() == null && permitsManagement(caller)) {
            page.items().addAll(tools.definitions());
        }
        if (page.next() != null) result.put("nextCursor", page.next().encode());
        return result;
    }

    /**
     * Routes tools/call, prompts/get, resources/read, resources/subscribe, resources/unsubscribe
     * and completion/complete to their provider and returns the provider's result unchanged apart
     * from namespaced URIs. A tools/call whose provider is unavailable is an {@code isError} result.
     */
    public ObjectNode route(String method, ObjectNode params, UpstreamListener listener) {
        return route(method, params, listener, Cancellation.none());
    }

    /**
     * As {@link #route(String, ObjectNode, UpstreamListener)}; when {@code cancellation} fires, the
     * provider is told under its own request id and a {@link RequestCancelledException} ends the call.
     */
    public ObjectNode route(String method, ObjectNode params, UpstreamListener listener, Cancellation cancellation) {
        return route(method, params, listener, cancellation, null);
    }

    /**
     * As {@link #route(String, ObjectNode, UpstreamListener, Cancellation)} for {@code caller} (null:
     * the gateway itself). A name the caller may not use is refused exactly as an unknown one
     * ({@link UnknownNameException}), so a refusal does not tell whether it exists. A tools/call is
     * refused before any provider sees it when the tool is held back by pinning or its arguments do
     * not match its {@code inputSchema} ({@link InvalidParamsException}).
     */
    public ObjectNode route(String method, ObjectNode params, UpstreamListener listener, Cancellation cancellation,
                            Caller caller) {
        ObjectNode upstreamParams = params == null ? Json.object() : params.deepCopy();
        authorize(method, upstreamParams, caller);
        String exposedTool = upstreamParams.path("name").asText();
        BuiltInTools tools = builtIns;
        if (method.equals("tools/call") && tools != null && tools.offers(upstreamParams.path("name").asText())) {
            JsonNode arguments = upstreamParams.get("arguments");
            return tools.call(upstreamParams.get("name").asText(),
                    arguments instanceof ObjectNode object ? object : Json.object(), upstreamParams, listener, caller);
        }
        Route route = switch (method) {
            case "tools/call" -> rewriteName(upstreamParams, "name", ListKind.TOOLS, "tool");
            case "prompts/get" -> rewriteName(upstreamParams, "name", ListKind.PROMPTS, "prompt");
            case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
                    rewriteName(upstreamParams, "uri", ListKind.RESOURCES, "resource");
            case "completion/complete" -> completionRoute(upstreamParams);
            default -> throw new IllegalArgumentException("not a routed method: " + method);
        };
        if (method.equals("tools/call")) admitToolCall(route, exposedTool, upstreamParams.get("arguments"));
        try {
            ObjectNode result = groups.isGroup(route.provider())
                    ? groups.call(route.provider(), member -> callProvider(member, method, upstreamParams, listener, cancellation))
                    : callProvider(route.provider(), method, upstreamParams, listener, cancellation);
            if (method.equals("resources/read")) exposeContentUris(route.provider(), result);
            return result;
        } catch (GroupUnavailableException e) {
            if (method.equals("tools/call")) return toolError(e.getMessage());
            throw new ProviderUnavailableException(e.group(), e.getMessage(), e);
        } catch (ProviderUnavailableException e) {
            if (method.equals("tools/call")) return toolError(e.getMessage());
            throw e;
        }
    }

    /**
     * Calls {@code tool} (the provider's own name for it) on {@code provider}, or on a member of the
     * group {@code provider}: the management tools' way in, which needs no client-visible name.
     * Failures are thrown (unavailable provider, unavailable group, the provider's JSON-RPC error).
     *
     * @param params the {@code tools/call} params apart from the name (arguments, {@code _meta})
     */
    public ObjectNode callTool(String provider, String tool, ObjectNode params, UpstreamListener listener) {
        if (!providers().containsKey(provider)) {
            throw new IllegalArgumentException("unknown provider '" + provider + "'; configured: " + providers().keySet());
        }
        java.util.Optional<String> holder = holderOf(provider, tool);
        if (holder.isPresent()) throw new InvalidParamsException(heldMessage(holder.get(), tool));
        ObjectNode upstreamParams = params == null ? Json.object() : params.deepCopy();
        upstreamParams.put("name", tool);
        return groups.isGroup(provider)
                ? groups.call(provider, member -> callProvider(member, "tools/call", upstreamParams, listener, Cancellation.none()))
                : callProvider(provider, "tools/call", upstreamParams, listener, Cancellation.none());
    }

    /**
     * Starts the provider if needed and lists its tools, prompts, resources and templates again now
     * (recording them in the schema ledger); a group re-lists every member. Returns the item count
     * of each list the provider has, by method.
     */
    public Map<String, Integer> rediscover(String provider) {
        ProviderSpec spec = providers().get(provider);
        if (spec == null) {
            throw new IllegalArgumentException("unknown provider '" + provider + "'; configured: " + providers().keySet());
        }
        if (spec.group() != null) {
            Map<String, Integer> counts = new java.util.LinkedHashMap<>();
            for (String member : spec.group().memberNames()) rediscover(member).forEach((k, v) -> counts.merge(k, v, Math::max));
            return counts;
        }
        UpstreamSession session = lifecycle.acquire(provider);
        synchronized (cataloguedSession) {
            refreshLists(provider, session);
            cataloguedSession.put(provider, session);
        }
        announce(ListKind.values());
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (ListKind kind : ListKind.values()) {
            if (session.initializeResult().path("capabilities").has(kind.capability())) {
                counts.put(kind.method(), knownList(provider, kind).map(ArrayNode::size).orElse(0));
            }
        }
        return counts;
    }

    /** The lifecycle state of one provider as group routing sees it (state, circuit, accepting). */
    public java.util.Optional<dev.jetway.core.groups.MemberStatus> status(String provider) {
        return lifecycle.status(provider);
    }

    private ObjectNode callProvider(String provider, String method, ObjectNode params, UpstreamListener listener,
                                    Cancellation cancellation) {
        return lifecycle.call(provider, session -> catalogued(provider, session)
                .request(method, params, listener, timeout, cancellation));
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
        for (String provider : providers().keySet()) {
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
        providers().keySet().forEach(this::discoverInBackground);
    }

    /** Starts one provider and learns its lists; blocks. A group starts every member it can. */
    public void warm(String provider) {
        if (!groups.isGroup(provider)) {
            session(provider);
            return;
        }
        RuntimeException last = null;
        int started = 0;
        for (String member : providers().get(provider).group().memberNames()) {
            try {
                session(member);
                started++;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        if (started == 0 && last != null) throw last;
    }

    public String describeState(String provider) {
        if (groups.isGroup(provider)) {
            return "group of " + groups.memberStatuses(provider).stream()
                    .map(dev.jetway.core.groups.MemberStatus::describe).collect(java.util.stream.Collectors.joining(", "));
        }
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
            recordInLedger(provider, kind, all);
        } catch (UpstreamErrorException e) {
            LOG.warning(() -> kind.method() + " of provider '" + provider + "': " + e.getMessage());
            catalog.store(provider, kind, Json.MAPPER.createArrayNode());
        }
        groupLists.refresh(providers(), kind);
    }

    /** Every list a provider returns becomes a schema version when its content is new. */
    private void recordInLedger(String provider, ListKind kind, ArrayNode items) {
        try {
            var recorded = ledger.record(provider, ListMethod.fromWireName(kind.method()), items, "list#" + provider);
            if (kind == ListKind.TOOLS && recorded instanceof dev.jetway.core.ledger.Recorded.Created created) {
                pins.onNewVersion(provider, created.version(), created.diff().changedNames());
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "recording the " + kind.method() + " of provider '" + provider + "' in the schema ledger: "
                    + e.getMessage());
        }
    }

    /**
     * Before a provider answered in this instance, its list is the ledger's latest version (what it
     * listed last, in any instance): lists never wait for a start. Tried once per provider and kind.
     */
    private boolean seedFromLedger(String provider, ListKind kind) {
        ProviderSpec spec = providers().get(provider);
        if (spec == null || spec.group() != null || !seededFromLedger.add(provider + "|" + kind)) return false;
        try {
            java.util.Optional<SchemaVersion> latest = ledger.latest(provider, ListMethod.fromWireName(kind.method()));
            if (latest.isEmpty() || catalog.isKnown(provider, kind)) return false;
            catalog.store(provider, kind, (ArrayNode) latest.get().payload().get(kind.resultField()));
            return true;
        } catch (RuntimeException e) {
            LOG.warning(() -> "reading the latest " + kind.method() + " of provider '" + provider + "' from the schema ledger: "
                    + e.getMessage());
            return false;
        }
    }

    private void warnIfPredefinedToolsDiffer(String provider, ArrayNode listed) {
        ProviderSpec spec = providers().get(provider);
        if (spec == null || !(spec.tools() instanceof ArrayNode predefined)) return;
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
        ProviderSpec spec = providers().get(provider);
        if (spec != null && spec.group() != null) {
            // A group is never started itself; learning its members' lists is learning its own.
            spec.group().memberNames().forEach(this::discoverInBackground);
            return;
        }
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
                    if (method.equals("notifications/resources/updated")) exposeUpdatedUri(provider, notification);
                    broadcast(provider, notification);
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
                broadcast(null, Json.object().put("jsonrpc", "2.0").put("method", kind.listChangedNotification()));
            }
        }
    }

    private void broadcast(String provider, ObjectNode notification) {
        for (BiConsumer<String, ObjectNode> subscriber : subscribers) subscriber.accept(provider, notification.deepCopy());
    }

    /**
     * Refuses, as if it did not exist, a name the caller may not use: a management tool without the
     * admin role, or a tool, prompt, resource or template no pattern of the caller's roles and scopes
     * allows. Public so that a request continued later (an input-required round) is checked again.
     *
     * @throws UnknownNameException when the caller may not use the name
     */
    public void authorize(String method, ObjectNode params, Caller caller) {
        if (policy == null || caller == null || params == null) return;
        BuiltInTools tools = builtIns;
        if (method.equals("tools/call") && tools != null && tools.offers(params.path("name").asText())) {
            if (!permitsManagement(caller)) throw new UnknownNameException("tool", params.path("name").asText());
            return;
        }
        JsonNode ref = params.path("ref");
        var named = switch (method) {
            case "tools/call" -> java.util.Map.entry("tool", params.path("name"));
            case "prompts/get" -> java.util.Map.entry("prompt", params.path("name"));
            case "resources/read", "resources/subscribe", "resources/unsubscribe" -> java.util.Map.entry("resource", params.path("uri"));
            case "completion/complete" -> ref.path("type").asText().equals("ref/resource")
                    ? java.util.Map.entry("resource template", ref.path("uri"))
                    : java.util.Map.entry("prompt", ref.path("name"));
            default -> null;
        };
        if (named == null || !named.getValue().isTextual()) return; // routing reports the missing name
        if (!policy.permits(caller, named.getValue().asText())) throw new UnknownNameException(named.getKey(), named.getValue().asText());
    }

    /** The pinning view: whether a tool is held and which version an admin would approve. */
    public java.util.Optional<Integer> approvedToolsVersion(String provider) {
        return pins.approvedVersion(provider);
    }

    /**
     * Upstream names of the provider's tools that pinning holds back now; for a group, the tools that
     * any of its members holds back (see {@link #holderOf}).
     */
    public Set<String> heldTools(String provider) {
        ProviderSpec spec = providers().get(provider);
        if (spec == null || spec.group() == null) return pins.held(provider, catalog.view(provider, ListKind.TOOLS));
        Set<String> held = new java.util.LinkedHashSet<>();
        for (String member : spec.group().memberNames()) held.addAll(pins.held(member, catalog.view(member, ListKind.TOOLS)));
        return held;
    }

    /**
     * Approves version {@code number} of a pinned provider's tools: its tools are listed and callable
     * from now on, and clients hear that the tool list changed.
     *
     * @throws dev.jetway.core.ledger.UnknownSchemaVersionException when no such version was recorded
     * @throws IllegalArgumentException when that version or a newer one is approved already
     */
    public ToolsApproval approveTools(String provider, int number, String approvedBy) {
        requireApprovable(provider);
        SchemaVersion version = ledger.version(provider, ListMethod.TOOLS, number);
        var event = pins.approve(provider, version, approvedBy);
        announce(ListKind.TOOLS);
        return new ToolsApproval(event.versionNumber(), event.versionId(), event.previousVersionNumber());
    }

    /**
     * Checks that {@code provider} has tool definitions of its own to approve: a configured provider
     * that is not a group (a group's tools are pinned, held and approved on its members).
     *
     * @throws IllegalArgumentException naming what to approve instead
     */
    public void requireApprovable(String provider) {
        ProviderSpec spec = providers().get(provider);
        if (spec == null) {
            throw new IllegalArgumentException("unknown provider '" + provider + "'; configured: " + providers().keySet());
        }
        if (spec.group() == null) return;
        Map<String, Set<String>> held = new java.util.LinkedHashMap<>();
        for (String member : spec.group().memberNames()) {
            Set<String> tools = heldTools(member);
            if (!tools.isEmpty()) held.put(member, tools);
        }
        throw new IllegalArgumentException("provider '" + provider + "' is a group: its tools are pinned on its members "
                + spec.group().memberNames() + "; approve the member whose tools changed (registry_approve {provider:"
                + " <member>})" + (held.isEmpty() ? "; no member holds a tool now" : "; held now: " + held));
    }

    /** What an approval recorded: the approved version and the one approved before (null if none). */
    public record ToolsApproval(int version, String versionId, Integer previousVersion) {}

    private boolean permits(Caller caller, String exposedName) {
        return policy == null || caller == null || policy.permits(caller, exposedName);
    }

    private boolean permitsManagement(Caller caller) {
        return policy == null || caller == null || policy.permitsManagement(caller);
    }

    /**
     * Upstream names of the tools that pinning holds back now, by provider (groups included, as
     * {@link #holderOf} says); only providers that hold something. Nothing is computed for
     * providers that are not pinned, so without pinning this costs a look at each provider's mode.
     */
    private Map<String, Set<String>> heldToolsByProvider() {
        Map<String, Set<String>> held = null;
        for (Map.Entry<String, ProviderSpec> provider : providers().entrySet()) {
            if (provider.getValue().group() != null || pins.mode(provider.getKey()) != dev.jetway.core.security.PinMode.PIN) continue;
            Set<String> tools = pins.held(provider.getKey(), catalog.view(provider.getKey(), ListKind.TOOLS));
            if (tools.isEmpty()) continue;
            if (held == null) held = new java.util.HashMap<>();
            held.put(provider.getKey(), tools);
        }
        if (held == null) return Map.of();
        for (Map.Entry<String, ProviderSpec> group : providers().entrySet()) {
            if (group.getValue().group() == null) continue;
            for (String member : group.getValue().group().memberNames()) {
                Set<String> tools = held.get(member);
                if (tools != null) held.computeIfAbsent(group.getKey(), k -> new java.util.HashSet<>()).addAll(tools);
            }
        }
        return held;
    }

    /**
     * The provider that holds back {@code tool} (an upstream name) of {@code provider}, if pinning
     * holds it. For a group it is the first member, in {@code members} order, that holds it: a group's
     * tool is held while any member holds it, whichever member a call would be routed to. Members are
     * meant to be interchangeable, so one member's unapproved change is not served through the group
     * by that member, and is not listed under the group's name either, until an admin approves it on
     * that member.
     */
    private java.util.Optional<String> holderOf(String provider, String tool) {
        ProviderSpec spec = providers().get(provider);
        List<String> candidates = spec != null && spec.group() != null ? spec.group().memberNames() : List.of(provider);
        for (String candidate : candidates) {
            if (pins.held(candidate, catalog.view(candidate, ListKind.TOOLS)).contains(tool)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    /** A tools/call reaches its provider only for a tool that is not held and with arguments its schema accepts. */
    private void admitToolCall(Route route, String exposedName, JsonNode arguments) {
        java.util.Optional<String> holder = holderOf(route.provider(), route.upstreamName());
        if (holder.isPresent()) throw new InvalidParamsException(heldMessage(holder.get(), exposedName));
        ArrayNode listed = catalog.view(route.provider(), ListKind.TOOLS);
        if (listed == null) return;
        for (JsonNode tool : listed) {
            if (!route.upstreamName().equals(tool.path("name").asText())) continue;
            JsonNode args = arguments == null || arguments.isNull() ? Json.object() : arguments;
            java.util.Optional<String> violation = this.arguments.violation(tool.get("inputSchema"), args);
            if (violation.isPresent()) {
                throw new InvalidParamsException("invalid arguments for tool '" + exposedName + "': " + violation.get());
            }
            return;
        }
    }

    private String heldMessage(String provider, String tool) {
        return "tool '" + tool + "' changed and is held until an administrator approves the new tool definitions of"
                + " provider '" + provider + "' (registry_approve)";
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
            if (providers().size() == 1) {
                return new Route(providers().keySet().iterator().next(), exposed);
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

    /** A provider's resources/updated names its own URI; clients subscribed to the exposed one. */
    private void exposeUpdatedUri(String provider, ObjectNode notification) {
        if (notification.get("params") instanceof ObjectNode params && params.path("uri").isTextual()) {
            params.put("uri", names.expose(provider, params.get("uri").asText(), true));
        }
    }

    private static ObjectNode toolError(String message) {
        ObjectNode result = Json.object();
        result.putArray("content").addObject().put("type", "text").put("text", message);
        result.put("isError", true);
        return result;
    }
}
