package dev.jetway.core.upstream;

/** Jetway's version as shown in clientInfo and serverInfo. */
public final class Version {

    public static final String VALUE = "0.1.0";

    private Version() {}
}
