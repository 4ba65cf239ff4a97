package dev.jetway.core.security;

/**
 * The gateway's authenticator: a bearer token that starts with {@code jw_} is an API key, anything
 * else a JWT. Either kind is refused when it is not configured.
 */
public final class EdgeAuthenticator implements Authenticator {

    private final Authenticator jwt;
    private final Authenticator apiKeys;

    /** Either may be null (not configured), not both. */
    public EdgeAuthenticator(Authenticator jwt, Authenticator apiKeys) {
        if (jwt == null && apiKeys == null) throw new IllegalArgumentException("no authenticator configured");
        this.jwt = jwt;
        this.apiKeys = apiKeys;
    }

    @Override
    public Caller authenticate(String bearerToken) {
        if (ApiKeyAuthenticator.looksLikeApiKey(bearerToken)) {
            if (apiKeys == null) throw AuthenticationException.invalidToken("API keys are not enabled on this gateway");
            return apiKeys.authenticate(bearerToken);
        }
        if (jwt == null) throw AuthenticationException.invalidToken("this gateway accepts only its API keys (jw_…)");
        return jwt.authenticate(bearerToken);
    }
}
