package dev.jetway.core.domain.provider;

/** A command that does not apply to the provider as it is (unknown, removed, or already registered). */
public final class ProviderCommandRejectedException extends RuntimeException {
    private final String provider;

    public ProviderCommandRejectedException(String provider, String message) {
        super("provider '" + provider + "': " + message);
        this.provider = provider;
    }

    public String provider() { return provider; }
}
