package dev.jetway.core.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gateway refuses a provider's server-to-client request with a specific JSON-RPC error (for
 * example -32021 when the client did not declare the capability the request needs). Listeners
 * fail their future with it; the connection sends {@link #error()} upstream as given.
 */
public final class ClientRequestRefusedException extends RuntimeException {

    private final ObjectNode error;

    public ClientRequestRefusedException(ObjectNode error) {
        super(error.path("message").asText());
        this.error = error.deepCopy();
    }

    /** The JSON-RPC error object sent to the provider. */
    public ObjectNode error() {
        return error.deepCopy();
    }
}
