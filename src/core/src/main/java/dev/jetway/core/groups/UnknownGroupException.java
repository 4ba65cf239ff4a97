package dev.jetway.core.groups;

/** A call was routed to a name that is not a group provider. */
public final class UnknownGroupException extends RuntimeException {

    private final String group;

    public UnknownGroupException(String group) {
        super("'" + group + "' is not a group provider; only providers with 'mode: group' are routed by GroupRouter");
        this.group = group;
    }

    public String group() {
        return group;
    }
}
