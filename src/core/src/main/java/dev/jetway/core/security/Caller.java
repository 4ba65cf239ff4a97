package dev.jetway.core.security;

import java.util.Objects;
import java.util.Set;

/**
 * Who sent a request, as the edge established it: the token's {@code sub} or the API key's name,
 * the roles the key or token grants, and the OAuth scopes of the token (empty for API keys).
 * Authorization decisions later in the request (per-tool policy, admin tools) read only this.
 *
 * @param subject stable identifier, prefixed by how it was established ({@code jwt:…}, {@code key:…})
 */
public record Caller(String subject, Set<String> roles, Set<String> scopes) {

    /** The caller of a gateway that authenticates nobody (loopback, or explicitly allowed). */
    public static final Caller ANONYMOUS = new Caller("anonymous", Set.of(), Set.of());

    public Caller {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) throw new IllegalArgumentException("subject must not be blank");
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasScopes(Set<String> required) {
        return scopes.containsAll(required);
    }
}
