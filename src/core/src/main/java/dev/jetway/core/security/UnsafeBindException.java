package dev.jetway.core.security;

/** The gateway was asked to listen where strangers can reach it, with nobody checking who they are. */
public final class UnsafeBindException extends IllegalArgumentException {

    public UnsafeBindException(String message) {
        super(message);
    }
}
