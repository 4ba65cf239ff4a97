package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Result members the stateless era requires: every result says its {@code resultType}, and the
 * cacheable ones carry {@code ttlMs} and {@code cacheScope}. Values a provider set are kept. The
 * scope is private and the TTL zero because what one caller may see can differ per caller once
 * per-tool authorization filters lists.
 */
final class StatelessResults {

    private static final Set<String> CACHEABLE = Set.of("server/discover", "tools/list", "prompts/list",
            "resources/list", "resources/templates/list", "resources/read");

    private StatelessResults() {}

    static ObjectNode stamp(String method, ObjectNode result) {
        if (!result.has("resultType")) result.put("resultType", "complete");
        if (CACHEABLE.contains(method)) {
            if (!result.has("ttlMs")) result.put("ttlMs", 0);
            if (!result.has("cacheScope")) result.put("cacheScope", "private");
        }
        return result;
    }
}
