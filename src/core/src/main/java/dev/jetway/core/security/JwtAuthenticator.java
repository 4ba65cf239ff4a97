package dev.jetway.core.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates bearer JWTs with nimbus-jose-jwt: the signature against the issuer's JWKS (fetched over
 * HTTP, cached, fetched again when a token names an unknown {@code kid}, at most once per
 * {@link OAuthSettings#jwksMinRefetchInterval()}), only the configured asymmetric algorithms,
 * {@code iss} exactly, {@code aud} containing this gateway's resource URL, {@code exp} and
 * {@code nbf} with the configured clock skew, and {@code sub} present. Then the required scopes.
 */
public final class JwtAuthenticator implements Authenticator {

    /** Longer tokens are refused before parsing: real access tokens are a few kilobytes. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final int JWKS_TIMEOUT_MILLIS = 5_000;
    private static final int JWKS_SIZE_LIMIT_BYTES = 256 * 1024;

    private final OAuthSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** Fetches the JWKS from {@link OAuthSettings#jwksUri()}. */
    public JwtAuthenticator(OAuthSettings settings, Clock clock) {
        this(settings, remoteKeys(settings), clock);
    }

    JwtAuthenticator(OAuthSettings settings, JWKSource<SecurityContext> keys, Clock clock) {
        this.settings = settings;
        Set<JWSAlgorithm> algorithms = settings.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        // Access tokens are typed "at+jwt" (RFC 9068); many issuers still send "JWT" or nothing.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null));
        // Mutable sets on purpose: nimbus asks them contains(null), which Set.of refuses.
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new HashSet<>(Set.of(settings.resource().toString())),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                new HashSet<>(Set.of(JWTClaimNames.SUBJECT, JWTClaimNames.EXPIRATION_TIME)),
                new HashSet<>()) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    @Override
    public Caller authenticate(String bearerToken) {
        if (bearerToken.length() > MAX_TOKEN_CHARS) {
            throw AuthenticationException.invalidToken("the token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(bearerToken, null);
        } catch (ParseException e) {
            throw AuthenticationException.invalidToken("the token is not a JWT");
        } catch (BadJOSEException e) {
            throw AuthenticationException.invalidToken("the token was rejected: " + e.getMessage());
        } catch (RateLimitReachedException e) {
            // An unknown kid right after a fetch: the key set was just read and does not have it.
            throw AuthenticationException.invalidToken("the token's key id is not among the issuer's published keys");
        } catch (KeySourceException e) {
            throw new AuthenticationException(AuthenticationException.INVALID_TOKEN,
                    "the issuer's signing keys could not be fetched; try again later", e);
        } catch (JOSEException e) {
            throw AuthenticationException.invalidToken("the token's signature could not be checked");
        }
        Set<String> scopes = scopes(claims);
        List<String> missing = settings.requiredScopes().stream().filter(s -> !scopes.contains(s)).toList();
        if (!missing.isEmpty()) throw new InsufficientScopeException(settings.requiredScopes(), missing);
        return new Caller("jwt:" + claims.getSubject(), words(claims.getClaim(settings.rolesClaim())), scopes);
    }

    /** RFC 9068 and RFC 8693: {@code scope} is a space-separated string; some issuers use {@code scp}. */
    private static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new LinkedHashSet<>(words(claims.getClaim("scope")));
        scopes.addAll(words(claims.getClaim("scp")));
        return scopes;
    }

    private static Set<String> words(Object claim) {
        Set<String> out = new LinkedHashSet<>();
        if (claim instanceof String text) {
            for (String word : text.trim().split("\\s+")) if (!word.isEmpty()) out.add(word);
        } else if (claim instanceof Collection<?> list) {
            for (Object item : list) if (item instanceof String word && !word.isBlank()) out.add(word);
        }
        return out;
    }

    private static JWKSource<SecurityContext> remoteKeys(OAuthSettings settings) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(settings.jwksUri().toURL(),
                            new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT_BYTES))
                    .cache(settings.jwksCacheTtl().toMillis(), JWKS_TIMEOUT_MILLIS)
                    .rateLimited(settings.jwksMinRefetchInterval().toMillis())
                    .refreshAheadCache(false)
                    .retrying(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("jwks_uri '" + settings.jwksUri() + "' is not a URL", e);
        }
    }
}
