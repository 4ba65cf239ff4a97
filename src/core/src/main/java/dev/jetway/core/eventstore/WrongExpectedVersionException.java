package dev.jetway.core.eventstore;

/**
 * An append lost an optimistic-concurrency race: the stream was not at the expected version. The
 * caller re-reads the stream, decides again and retries, or gives up.
 */
public final class WrongExpectedVersionException extends RuntimeException {
    private final String streamId;
    private final long expectedVersion;
    private final long actualVersion;

    public WrongExpectedVersionException(String streamId, long expectedVersion, long actualVersion) {
        super("stream '" + streamId + "' is at version " + actualVersion + ", not the expected " + expectedVersion
                + "; re-read the stream and decide again");
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public String streamId() { return streamId; }
    public long expectedVersion() { return expectedVersion; }
    /** The stream's last version when the append was refused; -1 when it has no events. */
    public long actualVersion() { return actualVersion; }
}
