package dev.jetway.core.config;

/**
 * A configuration file that cannot be used. The message names the file, the key path inside it
 * (for example {@code providers.everything.mode}) and what was expected there.
 */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final String keyPath;

    public ConfigException(String source, String keyPath, String expectation) {
        super(source + ": " + (keyPath.isEmpty() ? "(top level)" : keyPath) + ": " + expectation);
        this.source = source;
        this.keyPath = keyPath;
    }

    public ConfigException(String source, String keyPath, String expectation, Throwable cause) {
        this(source, keyPath, expectation);
        initCause(cause);
    }

    /** The file (or other origin) the configuration was read from. */
    public String source() {
        return source;
    }

    /** Dotted path of the offending key; empty for the document itself. */
    public String keyPath() {
        return keyPath;
    }
}
