package dev.jetway.core.security;

import java.util.Locale;

/**
 * What happens when a provider's tool definitions change from the approved version
 * ({@code security.providers.<name>.pin}).
 */
public enum PinMode {
    /** New and changed tools are held back (not listed, not callable) until an admin approves the version. */
    PIN,
    /** Changes are served at once and logged as a warning (the default). */
    WARN,
    /** Changes are served at once, silently. */
    OFF;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static PinMode fromWireName(String value) {
        for (PinMode mode : values()) {
            if (mode.wireName().equals(value)) return mode;
        }
        throw new IllegalArgumentException("expected pin, warn or off but found '" + value + "'");
    }
}
