package dev.jetway.core.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.security.Caller;
import dev.jetway.core.upstream.UpstreamListener;
import java.util.List;

/**
 * Tools the gateway serves itself (the {@code registry_*} management tools), listed next to the
 * providers' tools under their own names, without a provider prefix.
 */
public interface BuiltInTools {

    /** The MCP Tool definitions, as clients see them. */
    ArrayNode definitions();

    boolean offers(String toolName);

    /** Runs the tool; returns a {@code tools/call} result (failures as {@code isError} results). */
    ObjectNode call(String toolName, ObjectNode arguments);

    /**
     * Runs the tool with the whole {@code tools/call} params (for {@code _meta}, such as a progress
     * token) and the client's listener (for notifications); by default only the arguments matter.
     */
    default ObjectNode call(String toolName, ObjectNode arguments, ObjectNode params, UpstreamListener listener) {
        return call(toolName, arguments);
    }

    /** Runs the tool for {@code caller} (who the edge says sent it; null for the gateway itself). */
    default ObjectNode call(String toolName, ObjectNode arguments, ObjectNode params, UpstreamListener listener,
                            Caller caller) {
        return call(toolName, arguments, params, listener);
    }

    /** Several sets of tools as one; the first set that offers a name runs it. */
    static BuiltInTools combined(List<BuiltInTools> parts) {
        List<BuiltInTools> all = List.copyOf(parts);
        return new BuiltInTools() {
            @Override
            public ArrayNode definitions() {
                ArrayNode tools = Json.MAPPER.createArrayNode();
                all.forEach(part -> tools.addAll(part.definitions()));
                return tools;
            }

            @Override
            public boolean offers(String toolName) {
                return all.stream().anyMatch(part -> part.offers(toolName));
            }

            @Override
            public ObjectNode call(String toolName, ObjectNode arguments) {
                return call(toolName, arguments, Json.object(), UpstreamListener.NONE);
            }

            @Override
            public ObjectNode call(String toolName, ObjectNode arguments, ObjectNode params, UpstreamListener listener) {
                return call(toolName, arguments, params, listener, null);
            }

            @Override
            public ObjectNode call(String toolName, ObjectNode arguments, ObjectNode params, UpstreamListener listener,
                                   Caller caller) {
                for (BuiltInTools part : all) {
                    if (part.offers(toolName)) return part.call(toolName, arguments, params, listener, caller);
                }
                ObjectNode result = Json.object();
                result.putArray("content").addObject().put("type", "text").put("text", "unknown tool '" + toolName + "'");
                return result.put("isError", true);
            }
        };
    }
}
