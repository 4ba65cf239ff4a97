package dev.jetway.core.upstream;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The W3C Trace Context headers ({@code traceparent}, {@code tracestate}) that name the trace a
 * request to a provider belongs to, asked for on the thread that sends the request. Core does not
 * trace; a runtime that does (the Lambda functions) supplies them. {@link #NONE} adds nothing.
 */
@FunctionalInterface
public interface TraceContextHeaders {

    TraceContextHeaders NONE = Map::of;

    /** The only headers this port may add to a request: W3C Trace Context, lower case as the spec writes them. */
    Set<String> NAMES = Set.of("traceparent", "tracestate");

    /** The headers for a request sent now, under the current trace context; empty when there is none. */
    Map<String, String> current();

    /**
     * What may go on a request beside the provider's configured headers: only {@link #NAMES}, never
     * a header the provider's config sets (any case: a configured one wins), never a value with
     * characters a header cannot carry. A failure to supply them costs the request nothing but them.
     */
    default Map<String, String> besides(Map<String, String> configured) {
        Map<String, String> supplied;
        try {
            supplied = current();
        } catch (RuntimeException e) {
            return Map.of();
        }
        if (supplied == null || supplied.isEmpty()) return Map.of();
        Set<String> taken = new HashSet<>();
        configured.keySet().forEach(name -> taken.add(name.toLowerCase(Locale.ROOT)));
        Map<String, String> allowed = new LinkedHashMap<>();
        supplied.forEach((name, value) -> {
            if (name == null || value == null) return;
            String lower = name.toLowerCase(Locale.ROOT);
            if (NAMES.contains(lower) && !taken.contains(lower) && printable(value)) allowed.put(lower, value);
        });
        return allowed;
    }

    private static boolean printable(String value) {
        if (value.isBlank()) return false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) return false;
        }
        return true;
    }
}
