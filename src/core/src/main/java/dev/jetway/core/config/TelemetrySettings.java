package dev.jetway.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code telemetry:} section: where request and session telemetry, provider events and metrics
 * go. Defaults: one line per event on stderr, a JSONL file at {@value #DEFAULT_JSONL_PATH} (relative
 * to the working directory), {@code /metrics} served in local mode behind the same authentication
 * as {@code /mcp}, EMF and EventBridge off.
 *
 * @param enabled off turns every sink and {@code /metrics} off; requests are not observed at all
 * @param stderr one readable line per event on stderr
 * @param jsonlPath file that gets one JSON object per line (telemetry and stored events), or null for none
 * @param prometheus serve {@code /metrics} in the Prometheus text format (local mode)
 * @param emf CloudWatch Embedded Metric Format lines on stdout
 * @param eventBridgeBus event bus that receives telemetry with PutEvents, or null for none
 * @param eventBridgeSampleRate share of Request events sent to EventBridge (session events always go)
 * @param queueCapacity events the bus holds before it drops (and counts) new ones
 * @param batchSize most events handed to a sink at once
 * @param flushInterval how often sinks are flushed
 * @param metricsPublic serve {@code /metrics} to anyone who reaches the port; off (the default) puts it
 *     behind the same authentication as {@code /mcp}, which with no {@code security:} section (loopback
 *     only) is none
 */
public record TelemetrySettings(
        boolean enabled,
        boolean stderr,
        String jsonlPath,
        boolean prometheus,
        boolean emf,
        String eventBridgeBus,
        double eventBridgeSampleRate,
        int queueCapacity,
        int batchSize,
        Duration flushInterval,
        boolean metricsPublic) {

    public static final String DEFAULT_JSONL_PATH = ".jetway/events.jsonl";

    public TelemetrySettings {
        if (jsonlPath != null && jsonlPath.isBlank()) throw new IllegalArgumentException("jsonl must not be empty; use false for none");
        if (eventBridgeBus != null && eventBridgeBus.isBlank()) throw new IllegalArgumentException("eventbridge.bus must not be empty");
        if (!(eventBridgeSampleRate >= 0 && eventBridgeSampleRate <= 1)) {
            throw new IllegalArgumentException("eventbridge.sample_rate must be between 0 and 1");
        }
        if (queueCapacity < 1) throw new IllegalArgumentException("queue_capacity must be at least 1");
        if (batchSize < 1) throw new IllegalArgumentException("batch_size must be at least 1");
        Objects.requireNonNull(flushInterval, "flushInterval");
        if (flushInterval.isNegative() || flushInterval.isZero()) throw new IllegalArgumentException("flush_interval_ms must be positive");
    }

    /** The settings without the keys added later, which take their defaults. */
    public TelemetrySettings(boolean enabled, boolean stderr, String jsonlPath, boolean prometheus, boolean emf,
                             String eventBridgeBus, double eventBridgeSampleRate, int queueCapacity, int batchSize,
                             Duration flushInterval) {
        this(enabled, stderr, jsonlPath, prometheus, emf, eventBridgeBus, eventBridgeSampleRate, queueCapacity, batchSize,
                flushInterval, false);
    }

    public static TelemetrySettings defaults() {
        return new TelemetrySettings(true, true, DEFAULT_JSONL_PATH, true, false, null, 1.0, 10_000, 100,
                Duration.ofSeconds(1), false);
    }
}
