package dev.jetway.core.mcp;

import java.util.List;

/** The MCP protocol versions the front door speaks, by era. */
public final class ProtocolVersions {

    /** Newest first: the first one is offered when a client asks for a version we lack. */
    public static final List<String> SESSION_ERA = List.of("2025-11-25", "2025-06-18", "2025-03-26");
    public static final List<String> STATELESS_ERA = List.of("2026-07-28");
    /** Version assumed when a session-era request has no MCP-Protocol-Version header. */
    public static final String ASSUMED_WITHOUT_HEADER = "2025-03-26";

    private ProtocolVersions() {}

    public static boolean isSessionEra(String version) {
        return SESSION_ERA.contains(version);
    }

    public static boolean isStatelessEra(String version) {
        return STATELESS_ERA.contains(version);
    }

    /** The version the server answers with at initialize. */
    public static String negotiate(String requested) {
        return isSessionEra(requested) ? requested : SESSION_ERA.get(0);
    }

    /** JSON-RPC batches were allowed in 2025-03-26 only. */
    public static boolean allowsBatches(String version) {
        return "2025-03-26".equals(version);
    }
}
