package dev.jetway.core.outbox;

/** A publish call failed as a whole (network, throttling of the call, service error). Worth retrying. */
public final class EventPublishException extends RuntimeException {
    private final String errorCode;

    public EventPublishException(String errorCode, String message, Throwable cause) {
        super(errorCode + ": " + message, cause);
        this.errorCode = errorCode;
    }

    public String errorCode() { return errorCode; }
}
