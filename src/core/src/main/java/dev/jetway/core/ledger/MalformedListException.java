package dev.jetway.core.ledger;

/** A list result the ledger cannot version: no items array, or an item without its name. */
public final class MalformedListException extends RuntimeException {

    private final String provider;
    private final ListMethod method;

    public MalformedListException(String provider, ListMethod method, String problem) {
        super("provider '" + provider + "' returned a " + method.wireName() + " result the schema ledger cannot version: "
                + problem);
        this.provider = provider;
        this.method = method;
    }

    public String provider() {
        return provider;
    }

    public ListMethod method() {
        return method;
    }
}
