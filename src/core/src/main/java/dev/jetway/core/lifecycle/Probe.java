package dev.jetway.core.lifecycle;

/** Whether a launched provider still runs; when not, {@code detail} says why (exit status, closed session). */
public record Probe(boolean alive, String detail) {

    public static Probe running() {
        return new Probe(true, null);
    }

    public static Probe gone(String detail) {
        return new Probe(false, detail);
    }
}
