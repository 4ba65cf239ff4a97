package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.json.Json;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * In-memory providers for front-door tests: each answers from a script, records what it was
 * sent, and counts how often it was started. Real providers are exercised in the local module.
 */
final class ScriptedProviders implements ProviderConnector {

    record Received(String provider, String method, ObjectNode params) {}

    private final Map<String, BiFunction<String, ObjectNode, ObjectNode>> scripts = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    ScriptedProviders script(String provider, BiFunction<String, ObjectNode, ObjectNode> script) {
        scripts.put(provider, script);
        return this;
    }

    ScriptedProviders failing(String provider, String reason) {
        failures.put(provider, reason);
        return this;
    }

    int startsOf(String provider) {
        return starts.getOrDefault(provider, new AtomicInteger()).get();
    }

    /** A provider with one tool {@code name} whose call echoes its arguments. */
    static BiFunction<String, ObjectNode, ObjectNode> toolProvider(String... toolNames) {
        return (method, params) -> {
            ObjectNode result = Json.object();
            switch (method) {
                case "tools/list" -> {
                    var tools = result.putArray("tools");
                    for (String name : toolNames) tools.addObject().put("name", name).putObject("inputSchema").put("type", "object");
                }
                case "tools/call" -> result.putArray("content").addObject().put("type", "text")
                        .put("text", "called " + params.path("name").asText());
                default -> { }
            }
            return result;
        };
    }

    @Override
    public UpstreamSession connect(String name, ProviderSpec spec, UpstreamListener providerListener) {
        starts.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        if (failures.containsKey(name)) throw new ProviderUnavailableException(name, failures.get(name));
        BiFunction<String, ObjectNode, ObjectNode> script = scripts.get(name);
        return new UpstreamSession() {
            @Override
            public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout) {
                received.add(new Received(name, method, params == null ? null : params.deepCopy()));
                return script.apply(method, params);
            }

            @Override
            public void notify(String method, ObjectNode params) {
                received.add(new Received(name, method, params));
            }

            @Override
            public ObjectNode initializeResult() {
                ObjectNode result = Json.object().put("protocolVersion", "2025-11-25");
                result.putObject("capabilities").putObject("tools");
                return result;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
                // Nothing to release in memory.
            }
        };
    }
}
