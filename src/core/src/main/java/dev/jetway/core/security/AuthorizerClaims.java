package dev.jetway.core.security;

import java.util.Objects;
import java.util.Set;

/**
 * A bearer token API Gateway's JWT authorizer ({@code aws.jwt}) verified (signature, issuer,
 * audience, expiry): its {@code sub} and its scopes, from {@code requestContext.authorizer.jwt}.
 * When Jetway validates tokens itself ({@code security.oauth}), its own validation wins.
 */
public record AuthorizerClaims(String subject, Set<String> scopes) implements VerifiedIdentity {
    public AuthorizerClaims {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) throw new IllegalArgumentException("subject must not be blank");
        scopes = Set.copyOf(scopes);
    }

    /** The caller: subject {@code jwt:<sub>}, the token's scopes, no roles. */
    public Caller caller() {
        return new Caller("jwt:" + subject, Set.of(), scopes);
    }
}
