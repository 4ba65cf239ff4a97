package dev.jetway.core.eventstore;

/** A stored event's type is not one this code knows. */
public final class UnknownEventTypeException extends RuntimeException {
    public UnknownEventTypeException(String eventType, String streamId, long streamVersion) {
        super("unknown event type '" + eventType + "' at " + streamId + " v" + streamVersion
                + "; it was written by a newer Jetway, or the type was renamed without an alias");
    }
}
