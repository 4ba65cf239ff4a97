package dev.jetway.core.telemetry;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The client application, normalized from the free-text {@code clientInfo.name} of initialize. */
public enum ClientPlatform {
    CLAUDE, CHATGPT, VSCODE, CURSOR, UNKNOWN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ClientPlatform of(String clientName) {
        if (clientName == null) return UNKNOWN;
        String n = clientName.toLowerCase(Locale.ROOT);
        if (n.contains("claude")) return CLAUDE;
        if (n.contains("chatgpt") || n.contains("openai")) return CHATGPT;
        if (n.contains("cursor")) return CURSOR;
        if (n.contains("vscode") || n.contains("visual studio code") || n.contains("copilot")) return VSCODE;
        return UNKNOWN;
    }
}
