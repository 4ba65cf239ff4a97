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
 * @param lifecycle start wait, circuit breaker and management tools
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
        LifecycleSettings lifecycle) {

    public static final String DEFAULT_SEPARATOR = "__";
    public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "::1");

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
        lifecycle = lifecycle == null ? LifecycleSettings.defaults() : lifecycle;
    }

    /** Settings with the default lifecycle settings. */
    public GatewaySettings(boolean prefixNames, String separator, List<String> allowedOrigins,
                           List<String> allowedHosts, long maxBodyBytes, Duration requestTimeout,
                           boolean backgroundDiscovery, boolean warmOnStart) {
        this(prefixNames, separator, allowedOrigins, allowedHosts, maxBodyBytes, requestTimeout,
                backgroundDiscovery, warmOnStart, LifecycleSettings.defaults());
    }

    /** Prefixed names, loopback only, 4 MiB bodies, 60 s per request, background discovery on. */
    public static GatewaySettings defaults() {
        return new GatewaySettings(true, DEFAULT_SEPARATOR, List.of(), LOOPBACK_HOSTS,
                DEFAULT_MAX_BODY_BYTES, DEFAULT_REQUEST_TIMEOUT, true, false);
    }

    public GatewaySettings withPrefixNames(boolean prefix) {
        return new GatewaySettings(prefix, separator, allowedOrigins, allowedHosts, maxBodyBytes,
                requestTimeout, backgroundDiscovery, warmOnStart, lifecycle);
    }

    public GatewaySettings withLifecycle(LifecycleSettings settings) {
        return new GatewaySettings(prefixNames, separator, allowedOrigins, allowedHosts, maxBodyBytes,
                requestTimeout, backgroundDiscovery, warmOnStart, settings);
    }

    public GatewaySettings withAllowedHosts(List<String> hosts) {
        return new GatewaySettings(prefixNames, separator, allowedOrigins, hosts, maxBodyBytes,
                requestTimeout, backgroundDiscovery, warmOnStart, lifecycle);
    }
}
