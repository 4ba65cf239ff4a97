package dev.jetway.core.security;

/**
 * A request whose credentials are missing or not acceptable: answered 401 with a {@code Bearer}
 * challenge. {@link #bearerError()} is the RFC 6750 error code ({@code invalid_token},
 * {@code invalid_request}) or null when no credentials were sent, in which case RFC 6750 says
 * the challenge carries no error.
 */
public final class AuthenticationException extends RuntimeException {

    public static final String INVALID_TOKEN = "invalid_token";
    public static final String INVALID_REQUEST = "invalid_request";

    private final String bearerError;

    public AuthenticationException(String bearerError, String reason) {
        super(reason);
        this.bearerError = bearerError;
    }

    public AuthenticationException(String bearerError, String reason, Throwable cause) {
        this(bearerError, reason);
        initCause(cause);
    }

    public static AuthenticationException missing() {
        return new AuthenticationException(null, "this gateway requires a bearer token (Authorization: Bearer …)");
    }

    public static AuthenticationException invalidToken(String reason) {
        return new AuthenticationException(INVALID_TOKEN, reason);
    }

    public String bearerError() {
        return bearerError;
    }
}
