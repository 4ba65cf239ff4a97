package dev.jetway.core.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A provider answered a request with a JSON-RPC error; the error object is kept as sent. */
public final class UpstreamErrorException extends RuntimeException {

    private final String provider;
    private final ObjectNode error;

    public UpstreamErrorException(String provider, ObjectNode error) {
        super("provider '" + provider + "' answered with error " + error.path("code").asText()
                + ": " + error.path("message").asText());
        this.provider = provider;
        this.error = error.deepCopy();
    }

    public String provider() {
        return provider;
    }

    /** The JSON-RPC error object ({@code code}, {@code message}, optional {@code data}). */
    public ObjectNode error() {
        return error.deepCopy();
    }
}
