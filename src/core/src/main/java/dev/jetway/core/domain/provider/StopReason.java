package dev.jetway.core.domain.provider;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a provider stopped. A FAILURE stop leaves it DEAD; the others leave it COLD. */
public enum StopReason {
    IDLE, MANUAL, FAILURE, REMOVED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static StopReason fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
