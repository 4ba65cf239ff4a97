package dev.jetway.core.config;

/**
 * How much of the gateway's memory session-era sessions may take (keys of the {@code gateway:}
 * section). A session keeps what the client sent at initialize as JSON text, so a session holds at
 * most {@code maxClientInfoBytes + maxClientCapabilitiesBytes} of client data plus a few hundred
 * bytes of its own, and the sessions of one gateway instance at most {@code maxSessions} times that.
 *
 * @param maxSessions sessions one gateway instance holds at once, all callers together
 *     ({@value #MAX_SESSIONS_KEY})
 * @param maxSessionsPerCaller sessions one caller (one API key, one token subject, or the anonymous
 *     caller of a gateway without authentication) holds at once ({@value #MAX_SESSIONS_PER_CALLER_KEY})
 * @param maxClientInfoBytes largest {@code clientInfo} an initialize may carry, as UTF-8 JSON
 *     ({@value #MAX_CLIENT_INFO_BYTES_KEY})
 * @param maxClientCapabilitiesBytes largest {@code capabilities} an initialize may carry, as UTF-8
 *     JSON ({@value #MAX_CLIENT_CAPABILITIES_BYTES_KEY})
 */
public record SessionLimits(int maxSessions, int maxSessionsPerCaller, int maxClientInfoBytes,
                            int maxClientCapabilitiesBytes) {

    public static final String MAX_SESSIONS_KEY = "gateway.max_sessions";
    public static final String MAX_SESSIONS_PER_CALLER_KEY = "gateway.max_sessions_per_caller";
    public static final String MAX_CLIENT_INFO_BYTES_KEY = "gateway.max_client_info_bytes";
    public static final String MAX_CLIENT_CAPABILITIES_BYTES_KEY = "gateway.max_client_capabilities_bytes";

    public static final int DEFAULT_MAX_SESSIONS = 10_000;
    public static final int DEFAULT_MAX_SESSIONS_PER_CALLER = 100;
    /** Real clients send a few hundred bytes; this leaves room for icons given as URLs and vendor extensions. */
    public static final int DEFAULT_MAX_CLIENT_DATA_BYTES = 8 * 1024;

    public SessionLimits {
        if (maxSessions < 1) throw new IllegalArgumentException("max_sessions must be at least 1");
        if (maxSessionsPerCaller < 1) throw new IllegalArgumentException("max_sessions_per_caller must be at least 1");
        if (maxClientInfoBytes < 2) throw new IllegalArgumentException("max_client_info_bytes must be at least 2 ({})");
        if (maxClientCapabilitiesBytes < 2) {
            throw new IllegalArgumentException("max_client_capabilities_bytes must be at least 2 ({})");
        }
    }

    /** 10,000 sessions, 100 per caller, 8 KiB each of clientInfo and capabilities. */
    public static SessionLimits defaults() {
        return new SessionLimits(DEFAULT_MAX_SESSIONS, DEFAULT_MAX_SESSIONS_PER_CALLER, DEFAULT_MAX_CLIENT_DATA_BYTES,
                DEFAULT_MAX_CLIENT_DATA_BYTES);
    }
}
