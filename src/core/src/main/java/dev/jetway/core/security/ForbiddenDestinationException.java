package dev.jetway.core.security;

/** A remote provider URL that points where providers may not go (loopback, metadata, private ranges). */
public final class ForbiddenDestinationException extends RuntimeException {

    private final String provider;

    public ForbiddenDestinationException(String provider, String message) {
        super(message);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }
}
