package dev.jetway.core.ledger;

/** Another writer stored this version number first; the caller re-reads the latest version. */
public final class SchemaVersionExistsException extends RuntimeException {

    private final String provider;
    private final ListMethod method;
    private final int number;

    public SchemaVersionExistsException(String provider, ListMethod method, int number) {
        super("schema version " + number + " of " + method.wireName() + " of provider '" + provider
                + "' already exists");
        this.provider = provider;
        this.method = method;
        this.number = number;
    }

    public String provider() {
        return provider;
    }

    public ListMethod method() {
        return method;
    }

    public int number() {
        return number;
    }
}
