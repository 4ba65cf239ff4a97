package dev.jetway.core.upstream;

/** The client cancelled a request while a provider was working on it; the provider was told. */
public final class RequestCancelledException extends RuntimeException {

    private final String provider;

    public RequestCancelledException(String provider, String method, String reason) {
        super(method + " to provider '" + provider + "' was cancelled: " + reason);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }
}
