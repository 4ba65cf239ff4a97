package dev.jetway.core.domain.provider;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a provider is reached. `docker` is MCP Hangar's name for `container` and reads as it. */
public enum ProviderMode {
    REMOTE, CONTAINER, LAMBDA, SUBPROCESS, GROUP;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ProviderMode fromWireName(String value) {
        String normalized = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("docker")) return CONTAINER;
        for (ProviderMode mode : values()) {
            if (mode.wireName().equals(normalized)) return mode;
        }
        throw new IllegalArgumentException("unknown provider mode '" + value + "'; expected one of "
                + Arrays.stream(values()).map(ProviderMode::wireName).collect(Collectors.joining(", "))
                + " (or docker)");
    }
}
