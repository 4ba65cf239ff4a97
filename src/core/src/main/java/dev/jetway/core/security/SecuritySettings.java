package dev.jetway.core.security;

import java.util.List;
import java.util.Set;

/**
 * The {@code security:} section of the configuration.
 *
 * @param oauth bearer JWTs from an authorization server, or null
 * @param apiKeys hashed API keys ({@code jw_…}), possibly empty
 * @param allowUnauthenticatedNonLoopback start on a non-loopback address with neither OAuth nor
 *     API keys; off by default because anyone who can reach the port could then use every provider
 * @param perCaller rate limit per authenticated caller (all anonymous callers share one), or null
 * @param perProvider rate limit per provider across all callers, or null
 * @param json nesting depth and batch size limits
 * @param privateNetworkProviders remote providers allowed to reach loopback, link-local and private
 *     addresses ({@code security.providers.<name>.allow_private_network: true})
 * @param policy per-tool authorization, or null: every caller may use everything
 * @param pins how each provider's tool definitions are pinned; a provider not named has {@link PinMode#WARN}
 * @param iam callers are AWS identities verified by API Gateway's IAM authorizer, or null; excludes
 *     {@code oauth} and {@code apiKeys}, because on an IAM-authorized route the Authorization header
 *     carries the SigV4 signature
 */
public record SecuritySettings(
        OAuthSettings oauth,
        List<ApiKeyEntry> apiKeys,
        boolean allowUnauthenticatedNonLoopback,
        RateLimit perCaller,
        RateLimit perProvider,
        JsonLimits json,
        Set<String> privateNetworkProviders,
        AccessPolicy policy,
        java.util.Map<String, PinMode> pins,
        IamSettings iam) {

    public SecuritySettings {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        json = json == null ? JsonLimits.DEFAULTS : json;
        privateNetworkProviders = privateNetworkProviders == null ? Set.of() : Set.copyOf(privateNetworkProviders);
        pins = pins == null ? java.util.Map.of() : java.util.Map.copyOf(pins);
        if (apiKeys.stream().map(ApiKeyEntry::name).distinct().count() != apiKeys.size()) {
            throw new IllegalArgumentException("api key names must be unique");
        }
        if (iam != null && (oauth != null || !apiKeys.isEmpty())) {
            throw new IllegalArgumentException("iam cannot be combined with oauth or api_keys: behind an IAM-authorized "
                    + "route every request is SigV4-signed and its Authorization header carries the signature, not a "
                    + "bearer token; keep one way of authenticating");
        }
    }

    /** No authentication, no rate limits, default JSON limits, no provider on the private network. */
    public static SecuritySettings defaults() {
        return new SecuritySettings(null, List.of(), false, null, null, JsonLimits.DEFAULTS, Set.of(), null, null, null);
    }

    /** Without per-tool authorization and pins (the settings before they existed). */
    public SecuritySettings(OAuthSettings oauth, List<ApiKeyEntry> apiKeys, boolean allowUnauthenticatedNonLoopback,
                            RateLimit perCaller, RateLimit perProvider, JsonLimits json, Set<String> privateNetworkProviders) {
        this(oauth, apiKeys, allowUnauthenticatedNonLoopback, perCaller, perProvider, json, privateNetworkProviders,
                null, null, null);
    }

    /** How the provider's tool definitions are pinned. */
    public PinMode pin(String provider) {
        return pins.getOrDefault(provider, PinMode.WARN);
    }

    /** Whether callers must present a credential. */
    public boolean authenticates() {
        return oauth != null || !apiKeys.isEmpty() || iam != null;
    }
}
