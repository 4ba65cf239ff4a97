package dev.jetway.core.outbox;

/** An event item in the stream cannot be read as an envelope; no retry can fix it. */
public final class MalformedEventItemException extends RuntimeException {
    private final String sequenceNumber;

    public MalformedEventItemException(String sequenceNumber, String problem) {
        super("stream record " + sequenceNumber + " is not a readable event item: " + problem);
        this.sequenceNumber = sequenceNumber;
    }

    public String sequenceNumber() { return sequenceNumber; }
}
