package dev.jetway.core.upstream;

/**
 * A provider could not be started, reached, or did not answer in time. Names the provider.
 * Subtypes say more: the provider is still starting, or its circuit is open.
 */
public class ProviderUnavailableException extends RuntimeException {

    private final String provider;

    public ProviderUnavailableException(String provider, String cause) {
        super("provider '" + provider + "' is unavailable: " + cause);
        this.provider = provider;
    }

    public ProviderUnavailableException(String provider, String cause, Throwable throwable) {
        this(provider, cause);
        initCause(throwable);
    }

    public String provider() {
        return provider;
    }
}
