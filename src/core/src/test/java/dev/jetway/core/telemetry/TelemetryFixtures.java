package dev.jetway.core.telemetry;

import java.time.Instant;
import java.util.List;

final class TelemetryFixtures {

    private TelemetryFixtures() {}

    static final Instant TS = Instant.parse("2026-03-02T08:00:00Z");

    static TelemetryEvent.Request request(int n) {
        return new TelemetryEvent.Request("req-" + n, TS, "jetway", "s-1", "POST", "/mcp", "tools/call", "math__add",
                200, 1500, 1200L, 120, 80, null, null, "claude-ai", "1.0", null, "math", null);
    }

    /** One of each telemetry type, with every optional field present somewhere. */
    static List<TelemetryEvent> oneOfEachType() {
        return List.of(
                new TelemetryEvent.Request("req-1", TS, "jetway", "s-1", "POST", "/mcp", "tools/call", "math__add", 500,
                        1500, 1200L, 120, 80, -32603, "upstream said: " + "x".repeat(2000), "Cursor", "0.50",
                        "provider starting", "math", true),
                new TelemetryEvent.SessionStart(TS, "jetway", "s-1", "Cursor", "0.50", null),
                new TelemetryEvent.SessionEnd(TS, "jetway", "s-1", 60_000, 12),
                new TelemetryEvent.Heartbeat(TS, "jetway", 60, 2, 0));
    }
}
