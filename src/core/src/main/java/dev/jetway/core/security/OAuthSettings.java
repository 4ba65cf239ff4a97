package dev.jetway.core.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code security.oauth} section: this gateway as an OAuth 2.1 resource server.
 *
 * @param resource this gateway's MCP endpoint URL as clients reach it (for example
 *     {@code https://mcp.example.com/mcp}); tokens must name it in {@code aud} (RFC 8707) and the
 *     protected resource metadata publishes it as {@code resource} (RFC 9728)
 * @param issuer the exact {@code iss} tokens must carry
 * @param jwksUri where the issuer publishes its signing keys; https, or http on a loopback host
 * @param authorizationServers published in the metadata; defaults to the issuer
 * @param algorithms the only JWS algorithms accepted, all asymmetric (HMAC and {@code none} are
 *     refused here, so a token signed with the public key as an HMAC secret can never verify)
 * @param requiredScopes scopes every token must carry; a token without them gets 403
 * @param clockSkew tolerance on {@code exp} and {@code nbf} for clocks that disagree a little
 * @param rolesClaim the claim that lists the caller's roles (a string array or a space-separated string)
 * @param jwksCacheTtl how long fetched keys are used before they are fetched again
 * @param jwksMinRefetchInterval the least time between two fetches triggered by an unknown
 *     {@code kid}: rotation is picked up at once, a flood of made-up kids costs one fetch per interval
 */
public record OAuthSettings(
        URI resource,
        String issuer,
        URI jwksUri,
        List<String> authorizationServers,
        Set<String> algorithms,
        List<String> requiredScopes,
        Duration clockSkew,
        String rolesClaim,
        Duration jwksCacheTtl,
        Duration jwksMinRefetchInterval) {

    public static final Set<String> ASYMMETRIC_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384",
            "PS512", "ES256", "ES384", "ES512", "EdDSA");
    public static final Set<String> DEFAULT_ALGORITHMS = Set.of("RS256", "ES256");
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_JWKS_MIN_REFETCH_INTERVAL = Duration.ofSeconds(30);

    public OAuthSettings {
        Objects.requireNonNull(resource, "resource");
        requireHttpUrl(resource, "resource", false);
        if (resource.getFragment() != null) throw new IllegalArgumentException("resource must not have a fragment (RFC 8707)");
        if (issuer == null || issuer.isBlank()) throw new IllegalArgumentException("issuer is required");
        Objects.requireNonNull(jwksUri, "jwksUri");
        requireHttpUrl(jwksUri, "jwks_uri", true);
        authorizationServers = authorizationServers == null || authorizationServers.isEmpty()
                ? List.of(issuer) : List.copyOf(authorizationServers);
        algorithms = algorithms == null || algorithms.isEmpty() ? DEFAULT_ALGORITHMS : Set.copyOf(algorithms);
        for (String alg : algorithms) {
            if (!ASYMMETRIC_ALGORITHMS.contains(alg)) {
                throw new IllegalArgumentException("algorithm '" + alg + "' is not accepted; use asymmetric ones only: "
                        + ASYMMETRIC_ALGORITHMS.stream().sorted().toList()
                        + " (HMAC would let anyone holding the public key sign tokens, 'none' signs nothing)");
            }
        }
        requiredScopes = requiredScopes == null ? List.of() : List.copyOf(requiredScopes);
        clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("clock_skew_s must be between 0 and 300");
        }
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        jwksCacheTtl = jwksCacheTtl == null ? DEFAULT_JWKS_CACHE_TTL : jwksCacheTtl;
        jwksMinRefetchInterval = jwksMinRefetchInterval == null ? DEFAULT_JWKS_MIN_REFETCH_INTERVAL : jwksMinRefetchInterval;
        if (jwksCacheTtl.toSeconds() < 1) throw new IllegalArgumentException("jwks_cache_s must be at least 1");
        if (jwksMinRefetchInterval.isNegative() || jwksMinRefetchInterval.compareTo(jwksCacheTtl) >= 0) {
            throw new IllegalArgumentException("jwks_min_refetch_s must be >= 0 and shorter than jwks_cache_s");
        }
    }

    /** The minimum: resource, issuer and JWKS; everything else takes its default. */
    public static OAuthSettings of(URI resource, String issuer, URI jwksUri) {
        return new OAuthSettings(resource, issuer, jwksUri, null, null, null, null, null, null, null);
    }

    public OAuthSettings withAlgorithms(Set<String> algs) {
        return new OAuthSettings(resource, issuer, jwksUri, authorizationServers, algs, requiredScopes, clockSkew,
                rolesClaim, jwksCacheTtl, jwksMinRefetchInterval);
    }

    public OAuthSettings withRequiredScopes(List<String> scopes) {
        return new OAuthSettings(resource, issuer, jwksUri, authorizationServers, algorithms, scopes, clockSkew,
                rolesClaim, jwksCacheTtl, jwksMinRefetchInterval);
    }

    private static void requireHttpUrl(URI uri, String key, boolean httpOnlyOnLoopback) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(key + " must be an absolute http(s) URL, not '" + uri + "'");
        }
        if (httpOnlyOnLoopback && scheme.equals("http") && !AddressPolicy.isLoopbackName(uri.getHost())) {
            throw new IllegalArgumentException(key + " must use https (plain http is only accepted on a loopback "
                    + "host, for tests): keys fetched over plain http can be swapped on the way");
        }
    }
}
