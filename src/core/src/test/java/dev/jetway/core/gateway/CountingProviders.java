package dev.jetway.core.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.json.Json;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Providers that list {@code counts.get(name)} items of every kind ({@code item0}, {@code item1}, …;
 * resources as {@code test://<provider>/<i>}) and answer any other request with a text result
 * naming themselves. A test changes a count and rediscovers to make a provider list more or less.
 */
final class CountingProviders implements ProviderConnector {
    final Map<String, Integer> counts = new ConcurrentHashMap<>();

    CountingProviders(Map<String, Integer> counts) {
        this.counts.putAll(counts);
    }

    @Override
    public UpstreamSession connect(String name, ProviderSpec spec, UpstreamListener listener) {
        return new UpstreamSession() {
            @Override
            public ObjectNode request(String method, ObjectNode params, UpstreamListener l, Duration t) {
                ListKind kind = ListKind.forMethod(method);
                ObjectNode result = Json.object();
                if (kind == null) {
                    result.putArray("content").addObject().put("type", "text").put("text", name + " ran " + method);
                    return result;
                }
                ArrayNode items = result.putArray(kind.resultField());
                for (int i = 0; i < counts.get(name); i++) {
                    ObjectNode item = items.addObject();
                    item.put(kind.itemKey(), kind.namesAreUris() ? "test://" + name + "/" + i : "item" + i);
                    item.put("name", "item" + i);
                }
                return result;
            }

            @Override
            public void notify(String method, ObjectNode params) {
                // Nothing changes on a notification.
            }

            @Override
            public ObjectNode initializeResult() {
                ObjectNode init = Json.object();
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
