package dev.jetway.core.security;

/** Turns the credential a client presented into a {@link Caller}, or refuses it. */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param bearerToken the value after {@code Bearer } in the Authorization header, never blank
     * @throws AuthenticationException when the token is not accepted
     */
    Caller authenticate(String bearerToken);
}
