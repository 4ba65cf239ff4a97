package dev.jetway.core.eventstore;

/** A stored event cannot be brought to the schema version the code reads. */
public final class UpcastingException extends RuntimeException {
    private final String eventType;
    private final int fromVersion;
    private final int toVersion;

    public UpcastingException(String eventType, int fromVersion, int toVersion, String why) {
        super("cannot upcast " + eventType + " from v" + fromVersion + " to v" + toVersion + ": " + why);
        this.eventType = eventType;
        this.fromVersion = fromVersion;
        this.toVersion = toVersion;
    }

    public String eventType() { return eventType; }
    public int fromVersion() { return fromVersion; }
    public int toVersion() { return toVersion; }
}
