package dev.jetway.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.json.Json;
import dev.jetway.core.lifecycle.ConnectorLauncher;
import dev.jetway.core.lifecycle.LifecycleRuntime;
import dev.jetway.core.mcp.FrontDoor;
import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.mcp.HttpHeaders;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.core.testing.SettableClock;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole request path as a client meets it: the security edge, the front door, the gateway with
 * its management tools, and in-process providers whose tools, prompts and resources the test sets
 * (and may change) and which count every call they receive.
 */
final class PolicyHarness implements AutoCloseable {

    /** Providers that list what the test gives them and count each tools/call, prompts/get and resources/read. */
    static final class ScriptedProviders implements ProviderConnector {
        final Map<String, ArrayNode> tools = new ConcurrentHashMap<>();
        final Map<String, ArrayNode> prompts = new ConcurrentHashMap<>();
        final Map<String, ArrayNode> resources = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        /** The gateway's listener of each started provider: what the provider sends outside any request goes here. */
        final Map<String, UpstreamListener> listeners = new ConcurrentHashMap<>();

        int callsTo(String provider) {
            return calls.getOrDefault(provider, new AtomicInteger()).get();
        }

        @Override
        public UpstreamSession connect(String name, ProviderSpec spec, UpstreamListener providerListener) {
            listeners.put(name, providerListener);
            return new UpstreamSession() {
                @Override
                public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout) {
                    ObjectNode result = Json.object();
                    switch (method) {
                        case "tools/list" -> result.set("tools", tools.getOrDefault(name, Json.MAPPER.createArrayNode()).deepCopy());
                        case "prompts/list" -> result.set("prompts", prompts.getOrDefault(name, Json.MAPPER.createArrayNode()).deepCopy());
                        case "resources/list" -> result.set("resources", resources.getOrDefault(name, Json.MAPPER.createArrayNode()).deepCopy());
                        case "resources/templates/list" -> result.putArray("resourceTemplates");
                        default -> {
                            calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                            if (method.equals("resources/read")) {
                                result.putArray("contents").addObject().put("uri", params.path("uri").asText()).put("text", "ok");
                            } else if (method.equals("prompts/get")) {
                                result.putArray("messages");
                            } else {
                                result.putArray("content").addObject().put("type", "text").put("text", name + " ran " + params.path("name").asText());
                            }
                        }
                    }
                    return result;
                }

                @Override
                public void notify(String method, ObjectNode params) {
                    // Nothing to do: these providers have no state a notification changes.
                }

                @Override
                public ObjectNode initializeResult() {
                    ObjectNode init = Json.object().put("protocolVersion", "2025-11-25");
                    ObjectNode capabilities = init.putObject("capabilities");
                    capabilities.putObject("tools");
                    capabilities.putObject("prompts");
                    capabilities.putObject("resources");
                    return init;
                }

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void close() {
                    // Nothing to release.
                }
            };
        }
    }

    static ObjectNode tool(String name, String schema) {
        return Json.object().put("name", name).set("inputSchema", Json.parse(schema));
    }

    static ArrayNode array(JsonNode... items) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (JsonNode item : items) array.add(item);
        return array;
    }

    final ScriptedProviders providers = new ScriptedProviders();
    final SettableClock clock = SettableClock.at("2026-03-01T12:00:00Z");
    final InMemoryEventStore store = new InMemoryEventStore();
    final GatewayConfig config;
    final LifecycleRuntime runtime;
    final SecuredEndpoint edge;
    private int ids;

    PolicyHarness(String yaml) {
        this(yaml, providers -> { });
    }

    PolicyHarness(String yaml, java.util.function.Consumer<ScriptedProviders> setUp) {
        setUp.accept(providers);
        config = ConfigLoader.parse(yaml, "test.yaml");
        runtime = LifecycleRuntime.create(config, store, new ConnectorLauncher(providers), clock);
        FrontDoor frontDoor = new FrontDoor(runtime.gateway(), new InMemorySessionStore(), clock, true);
        edge = SecuredEndpoint.forConfig(config, clock, frontDoor::handle);
    }

    /** Starts every provider now, so that their lists are known. */
    PolicyHarness warm() {
        config.providers().keySet().forEach(runtime.gateway()::warm);
        return this;
    }

    /** The names of a whole list (every page) as the caller sees it. */
    List<String> listNames(String method, String bearer) {
        String field = switch (method) {
            case "tools/list" -> "tools";
            case "prompts/list" -> "prompts";
            default -> "resources";
        };
        String key = method.equals("resources/list") ? "uri" : "name";
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode params = Json.object();
            if (cursor != null) params.put("cursor", cursor);
            JsonNode result = rpc(method, params, null, bearer).path("result");
            result.path(field).forEach(item -> names.add(item.path(key).asText()));
            cursor = result.path("nextCursor").isTextual() ? result.path("nextCursor").asText() : null;
        } while (cursor != null);
        return names;
    }

    JsonNode callTool(String name, String arguments, String bearer) {
        ObjectNode params = Json.object().put("name", name);
        params.set("arguments", Json.parse(arguments));
        return rpc("tools/call", params, name, bearer);
    }

    /** One stateless-era request; the JSON-RPC response. */
    JsonNode rpc(String method, ObjectNode params, String mcpName, String bearer) {
        ObjectNode meta = params.putObject("_meta");
        meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        meta.putObject("io.modelcontextprotocol/clientCapabilities");
        ObjectNode message = Json.object().put("jsonrpc", "2.0").put("id", ++ids).put("method", method);
        message.set("params", params);
        List<String> headers = new ArrayList<>(List.of("Host", "127.0.0.1:8080", "Content-Type", "application/json",
                "Accept", "application/json", "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", method));
        if (mcpName != null) headers.addAll(List.of("Mcp-Name", mcpName));
        if (bearer != null) headers.addAll(List.of("Authorization", "Bearer " + bearer));
        FrontDoorResponse response = edge.handle(new FrontDoorRequest("POST", "/mcp",
                HttpHeaders.of(headers.toArray(String[]::new)), Json.write(message).getBytes(StandardCharsets.UTF_8)));
        return Json.parse(((FrontDoorResponse.Complete) response).bodyText());
    }

    /** A session-era request (no body for GET and DELETE) through the edge, as the caller of {@code bearer}. */
    FrontDoorResponse sessionRequest(String method, String session, String body, String bearer) {
        List<String> headers = new ArrayList<>(List.of("Host", "127.0.0.1:8080", "Content-Type", "application/json",
                "Accept", "application/json, text/event-stream", "MCP-Protocol-Version", "2025-11-25"));
        if (session != null) headers.addAll(List.of("Mcp-Session-Id", session));
        if (bearer != null) headers.addAll(List.of("Authorization", "Bearer " + bearer));
        return edge.handle(new FrontDoorRequest(method, "/mcp", HttpHeaders.of(headers.toArray(String[]::new)),
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Opens a session-era session as the caller of {@code bearer}; its id. */
    String initialize(String bearer) {
        FrontDoorResponse response = sessionRequest("POST", null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""", bearer);
        String session = response.headers().get("Mcp-Session-Id");
        if (session == null) throw new IllegalStateException("initialize failed: " + ((FrontDoorResponse.Complete) response).bodyText());
        return session;
    }

    /**
     * The session's GET event stream, read on a thread of its own into the returned queue until the
     * session ends; fails when the stream does not open.
     */
    java.util.concurrent.BlockingQueue<JsonNode> openStream(String session, String bearer) {
        FrontDoorResponse response = sessionRequest("GET", session, null, bearer);
        if (!(response instanceof FrontDoorResponse.EventStream stream)) {
            throw new IllegalStateException("no event stream: " + response.status() + " " + ((FrontDoorResponse.Complete) response).bodyText());
        }
        java.util.concurrent.BlockingQueue<JsonNode> messages = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try {
                stream.body().writeTo(json -> messages.add(Json.parse(json)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return messages;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
