package dev.jetway.core.ledger;

/** A version number that was never recorded for this provider and method, e.g. a stale pin. */
public final class UnknownSchemaVersionException extends RuntimeException {

    public UnknownSchemaVersionException(String provider, ListMethod method, int number, int latest) {
        super("provider '" + provider + "' has no " + method.wireName() + " schema version " + number
                + (latest == 0 ? "; nothing was recorded yet" : "; versions are 1 to " + latest));
    }
}
