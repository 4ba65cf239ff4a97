package dev.jetway.core.mcp;

import java.time.Duration;
import java.util.Objects;

/**
 * A store refused a new session because it holds as many as it may: the caller's own
 * ({@link Scope#CALLER}) or the gateway's ({@link Scope#GATEWAY}).
 */
public final class SessionLimitException extends RuntimeException {

    /** Whose sessions are at the limit. */
    public enum Scope { CALLER, GATEWAY }

    private final Scope scope;
    private final int limit;
    private final String configKey;
    private final Duration retryAfter;

    /**
     * @param configKey the config key that raises the limit
     * @param retryAfter when the first of the sessions that count against the limit expires unless used
     */
    public SessionLimitException(Scope scope, int limit, String configKey, Duration retryAfter) {
        super(message(scope, limit, configKey));
        this.scope = Objects.requireNonNull(scope, "scope");
        this.limit = limit;
        this.configKey = Objects.requireNonNull(configKey, "configKey");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    private static String message(Scope scope, int limit, String configKey) {
        return switch (scope) {
            case CALLER -> "this caller already holds " + limit + " sessions, the most one caller may (" + configKey
                    + "); end sessions it no longer uses (HTTP DELETE with their Mcp-Session-Id) or wait until they expire";
            case GATEWAY -> "this gateway holds " + limit + " sessions, the most it may (" + configKey
                    + "); try again when sessions have ended or expired";
        };
    }

    public Scope scope() {
        return scope;
    }

    public int limit() {
        return limit;
    }

    public String configKey() {
        return configKey;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
