package dev.jetway.core.domain.provider;

/** A command asked a provider to move between two lifecycle states that are not connected. */
public final class InvalidTransitionException extends RuntimeException {
    private final String provider;
    private final LifecycleState from;
    private final LifecycleState to;

    public InvalidTransitionException(String provider, LifecycleState from, LifecycleState to, String command) {
        super("provider '" + provider + "' cannot go from " + from + " to " + to + " (" + command
                + "); from " + from + " it may go to " + from.successors());
        this.provider = provider;
        this.from = from;
        this.to = to;
    }

    public String provider() { return provider; }
    public LifecycleState from() { return from; }
    public LifecycleState to() { return to; }
}
