package dev.jetway.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Jetway's own settings (the {@code gateway:} section), as opposed to the providers behind it.
 *
 * @param prefixNames expose tools and prompts as {@code {provider}{separator}{name}} and resource
 *     URIs as {@code {provider}+{uri}}; off passes names through (collisions are then refused)
 * @param allowedOrigins browser origins allowed to call the gateway, besides loopback origins,
 *     which are always allowed; {@code *} allows any
 * @param allowedHosts values of the Host header the gateway answers to (port ignored); {@code *}
 *     allows any
 * @param maxBodyBytes largest request body accepted; bigger ones get HTTP 413
 * @param requestTimeout how long one forwarded request may take upstream (including a start)
 * @param backgroundDiscovery when a list is asked for and a provider's list is unknown, start that
 *     provider in the background (the list request itself never waits) and announce list_changed
 * @param warmOnStart start every provider when the gateway starts instead of on first use
 * @param sessionIdleTtl how long a session-era session lives without requests (sliding expiry)
 * @param pageSize most items in one page of an aggregated list (tools, prompts, resources,
 *     resource templates); more come with {@code nextCursor}
 * @param lifecycle start wait, circuit breaker and management tools
 * @param sessionLimits how many sessions, and how much of each client's initialize, the gateway keeps
 * @param readinessMaxHeapPercent {@code /health/ready} answers DOWN while the heap in use after the
 *     last garbage collection is above this share of the maximum heap
 *     ({@value #READINESS_MAX_HEAP_PERCENT_KEY}); 100 never does
 */
public record GatewaySettings(
        boolean prefixNames,
        String separator,
        List<String> allowedOrigins,
        List<String> allowedHosts,
        long maxBodyBytes,
        Duration requestTimeout,
        boolean backgroundDiscovery,
        boolean warmOnStart,
        Duration sessionIdleTtl,
        int pageSize,
        LifecycleSettings lifecycle,
        SessionLimits sessionLimits,
        int readinessMaxHeapPercent) {

    public static final String DEFAULT_SEPARATOR = "__";
    public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "::1");
    public static final Duration DEFAULT_SESSION_IDLE_TTL = Duration.ofHours(1);
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 10_000;
    public static final String READINESS_MAX_HEAP_PERCENT_KEY = "gateway.readiness_max_heap_percent";
    public static final int DEFAULT_READINESS_MAX_HEAP_PERCENT = 90;

    public GatewaySettings {
        Objects.requireNonNull(separator, "separator");
        if (separator.isEmpty()) throw new IllegalArgumentException("separator must not be empty");
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHosts = List.copyOf(allowedHosts);
        if (maxBodyBytes <= 0) throw new IllegalArgumentException("max_body_bytes must be positive");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request_timeout_s must be positive");
        }
        Objects.requireNonNull(sessionIdleTtl, "sessionIdleTtl");
        if (sessionIdleTtl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("session_idle_ttl_s must be at least 1");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page_size must be between 1 and " + MAX_PAGE_SIZE);
        }
        lifecycle = lifecycle == null ? LifecycleSettings.defaults() : lifecycle;
        sessionLimits = sessionLimits == null ? SessionLimits.defaults() : sessionLimits;
        if (readinessMaxHeapPercent < 1 || readinessMaxHeapPercent > 100) {
            throw new IllegalArgumentException("readiness_max_heap_percent must be between 1 and 100");
        }
    }

    /** The settings without the keys added later, which take their defaults. */
    public GatewaySettings(boolean prefixNames, String separator, List<String> allowedOrigins, List<String> allowedHosts,
                           long maxBodyBytes, Duration requestTimeout, boolean backgroundDiscovery, boolean warmOnStart,
                           Duration sessionIdleTtl, int pageSize, LifecycleSettings lifecycle) {
        this(prefixNames, separator, allowedOrigins, allowedHosts, maxBodyBytes, requestTimeout, backgroundDiscovery,
                warmOnStart, sessionIdleTtl, pageSize, lifecycle, SessionLimits.defaults(), DEFAULT_READINESS_MAX_HEAP_PERCENT);
    }

    /** The settings without the keys added later, which take their defaults. */
    public GatewaySettings(boolean prefixNames, String separator, List<String> allowedOrigins, List<String> allowedHosts,
                           long maxBodyBytes, Duration requestTimeout, boolean backgroundDiscovery, boolean warmOnStart) {
        this(prefixNames, separator, allowedOrigins, allowedHosts, maxBodyBytes, requestTimeout, backgroundDiscovery,
                warmOnStart, DEFAULT_SESSION_IDLE_TTL, DEFAULT_PAGE_SIZE, LifecycleSettings.defaults());
    }

    /** Prefixed names, loopback only, 4 MiB bodies, 60 s per request, background discovery on, 1 h sessions, pages of 100. */
    public static GatewaySettings defaults() {
        return new GatewaySettings(true, DEFAULT_SEPARATOR, List.of(), LOOPBACK_HOSTS,
                DEFAULT_MAX_BODY_BYTES, DEFAULT_REQUEST_TIMEOUT, true, false);
    }

    public GatewaySettings withPrefixNames(boolean prefix) {
        return new GatewaySettings(prefix, separator, allowedOrigins, allowedHosts, maxBodyBytes,
                requestTimeout, backgroundDiscovery, warmOnStart, sessionIdleTtl, pageSize, lifecycle, sessionLimits,
                readinessMaxHeapPercent);
    }

    public GatewaySettings withLifecycle(LifecycleSettings settings) {
        return new GatewaySettings(prefixNames, separator, allowedOrigins, allowedHosts, maxBodyBytes,
                requestTimeout, backgroundDiscovery, warmOnStart, sessionIdleTtl, pageSize, settings, sessionLimits,
                readinessMaxHeapPercent);
    }

    public GatewaySettings withAllowedHosts(List<String> hosts) {
        return new GatewaySettings(prefixNames, separator, allowedOrigins, hosts, maxBodyBytes,
                requestTimeout, backgroundDiscovery, warmOnStart, sessionIdleTtl, pageSize, lifecycle, sessionLimits,
                readinessMaxHeapPercent);
    }

    /**
     * @throws IllegalArgumentException when the provider name contains the separator: a prefixed name
     *     such as {@code a__b__echo} could then belong to provider {@code a} or {@code a__b}, and a
     *     policy granting one provider's tools could reach the other's
     */
    public void requireUnambiguous(String providerName) {
        if (prefixNames && providerName.contains(separator)) {
            throw new IllegalArgumentException("provider name '" + providerName + "' contains the separator '" + separator
                    + "' (gateway.separator), so its prefixed tool names would be ambiguous; rename the provider");
        }
    }
}
