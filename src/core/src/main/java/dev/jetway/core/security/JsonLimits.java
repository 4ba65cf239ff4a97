package dev.jetway.core.security;

/**
 * Shape limits on request bodies, checked at the edge before the front door parses them.
 *
 * @param maxDepth deepest nesting of arrays and objects (a JSON-RPC batch counts as one level)
 * @param maxBatch most messages in one JSON-RPC batch
 */
public record JsonLimits(int maxDepth, int maxBatch) {

    public static final JsonLimits DEFAULTS = new JsonLimits(64, 50);

    public JsonLimits {
        if (maxDepth < 2 || maxDepth > 1000) throw new IllegalArgumentException("max_depth must be between 2 and 1000");
        if (maxBatch < 1) throw new IllegalArgumentException("max_batch must be at least 1");
    }
}
