package dev.jetway.core.outbox;

/** What PutEvents said about one entry: accepted, or rejected with its error code and message. */
public record EntryOutcome(boolean accepted, String errorCode, String errorMessage) {

    private static final EntryOutcome ACCEPTED = new EntryOutcome(true, null, null);

    public EntryOutcome {
        if (!accepted && (errorCode == null || errorCode.isBlank())) {
            throw new IllegalArgumentException("a rejected entry carries its error code");
        }
    }

    public static EntryOutcome ok() {
        return ACCEPTED;
    }

    public static EntryOutcome rejected(String errorCode, String errorMessage) {
        return new EntryOutcome(false, errorCode, errorMessage);
    }
}
