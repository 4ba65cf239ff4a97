package dev.jetway.core.security;

import java.util.List;

/** A valid token that lacks a scope the request needs: answered 403 {@code insufficient_scope}. */
public final class InsufficientScopeException extends RuntimeException {

    private final List<String> requiredScopes;

    public InsufficientScopeException(List<String> requiredScopes, List<String> missing) {
        super("the token lacks the scope(s) " + missing + "; this gateway needs " + requiredScopes);
        this.requiredScopes = List.copyOf(requiredScopes);
    }

    /** Every scope the request needs, for the {@code scope} parameter of the challenge. */
    public List<String> requiredScopes() {
        return requiredScopes;
    }
}
