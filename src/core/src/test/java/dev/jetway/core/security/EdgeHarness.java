package dev.jetway.core.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.FrontDoor;
import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.mcp.HttpHeaders;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.core.testing.SettableClock;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** The real front door and gateway behind the security edge, over providers that count their calls. */
final class EdgeHarness implements AutoCloseable {


    /** Providers that answer every tools/call and count it; a provider named in failures fails to start. */
    static final class CountingProviders implements ProviderConnector {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Map<String, Function<String, String>> failures = new ConcurrentHashMap<>();

        int callsTo(String provider) {
            return calls.getOrDefault(provider, new AtomicInteger()).get();
        }

        @Override
        public UpstreamSession connect(String name, ProviderSpec spec, UpstreamListener providerListener) {
            if (failures.containsKey(name)) throw new ProviderUnavailableException(name, failures.get(name).apply(name));
            return new UpstreamSession() {
                @Override
                public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout) {
                    calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                    ObjectNode result = Json.object();
                    if (method.equals("tools/list")) result.putArray("tools");
                    else result.putArray("content").addObject().put("type", "text").put("text", "ok");
                    return result;
                }

                @Override
                public void notify(String method, ObjectNode params) {
                    // Notifications are not counted: only requests cost a provider anything.
                }

                @Override
                public ObjectNode initializeResult() {
                    return Json.object().put("protocolVersion", "2025-11-25");
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

    final CountingProviders providers = new CountingProviders();
    final SettableClock clock = SettableClock.at("2026-03-01T12:00:00Z");
    final GatewayConfig config;
    final Gateway gateway;
    final SecuredEndpoint edge;

    EdgeHarness(String yaml) {
        config = ConfigLoader.parse(yaml, "test.yaml");
        gateway = Gateway.startingOnFirstUse(config, providers);
        FrontDoor frontDoor = new FrontDoor(gateway, new InMemorySessionStore(), clock, true);
        edge = SecuredEndpoint.forConfig(config, clock, frontDoor::handle);
    }

    /** A stateless-era tools/call, with the caller's credential when given. */
    FrontDoorResponse.Complete callTool(String tool, String bearer) {
        String body = """
                {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"%s","arguments":{},
                 "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}"""
                .formatted(tool);
        return post(body, bearer, "Mcp-Method", "tools/call", "Mcp-Name", tool, "MCP-Protocol-Version", "2026-07-28");
    }

    FrontDoorResponse.Complete post(String body, String bearer, String... extraHeaders) {
        List<String> headers = new ArrayList<>(List.of("Host", "127.0.0.1:8080", "Content-Type", "application/json",
                "Accept", "application/json"));
        if (bearer != null) headers.addAll(List.of("Authorization", "Bearer " + bearer));
        headers.addAll(List.of(extraHeaders));
        return (FrontDoorResponse.Complete) edge.handle(new FrontDoorRequest("POST", "/mcp",
                HttpHeaders.of(headers.toArray(String[]::new)), body.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        gateway.close();
    }
}
