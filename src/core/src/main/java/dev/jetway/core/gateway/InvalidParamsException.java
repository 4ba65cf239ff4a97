package dev.jetway.core.gateway;

/** A request's params lack what routing needs (a tool name, a URI, a completion ref). */
public final class InvalidParamsException extends RuntimeException {
    public InvalidParamsException(String message) {
        super(message);
    }
}
