package dev.jetway.core.gateway;

/** A client asked for a tool, prompt or resource that no provider is known to offer. */
public final class UnknownNameException extends RuntimeException {
    public UnknownNameException(String what, String name) {
        super("unknown " + what + " '" + name + "'");
    }
}
