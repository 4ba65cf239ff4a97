package dev.jetway.core.telemetry;

import dev.jetway.core.domain.provider.CircuitStatus;
import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.domain.provider.ProviderEvent;
import dev.jetway.core.domain.provider.StopReason;
import dev.jetway.core.eventstore.AppendedEventsObserver;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.registry.ProviderEventCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The gateway's metrics, in the Prometheus text format ({@link #scrape}). Requests and sessions come
 * from telemetry events (as a sink behind the {@link TelemetryBus}), provider lifecycle and circuit
 * state from stored provider events (as an {@link AppendedEventsObserver}). Names:
 *
 * <ul>
 *   <li>{@value #REQUESTS}, {@value #ERRORS} (counters) and {@value #DURATION} (histogram), labelled
 *       {@code mcp_method}, {@code provider}, {@code tool} (empty when not applicable; a name the
 *       gateway does not know is counted as {@value MetricLabels#OTHER}, see {@link MetricLabels}, so
 *       that clients cannot add series by sending made-up names);
 *   <li>{@value #SESSIONS_STARTED}, {@value #SESSIONS_ENDED};
 *   <li>{@value #PROVIDER_STARTS}, {@value #PROVIDER_START_FAILURES}, {@value #PROVIDER_IDLE_STOPS}
 *       (counters, label {@code provider});
 *   <li>{@value #PROVIDER_STATE} and {@value #CIRCUIT_STATE} (gauges, labels {@code provider} and
 *       {@code state}: 1 for the current state, 0 for the others);
 *   <li>{@value #DROPPED} (telemetry events the bus dropped).
 * </ul>
 */
public final class GatewayMetrics implements EventSink, AppendedEventsObserver {

    public static final String REQUESTS = "jetway_requests_total";
    public static final String ERRORS = "jetway_request_errors_total";
    public static final String DURATION = "jetway_request_duration_seconds";
    public static final String SESSIONS_STARTED = "jetway_sessions_started_total";
    public static final String SESSIONS_ENDED = "jetway_sessions_ended_total";
    public static final String PROVIDER_STARTS = "jetway_provider_starts_total";
    public static final String PROVIDER_START_FAILURES = "jetway_provider_start_failures_total";
    public static final String PROVIDER_IDLE_STOPS = "jetway_provider_idle_stops_total";
    public static final String PROVIDER_STATE = "jetway_provider_state";
    public static final String CIRCUIT_STATE = "jetway_provider_circuit_state";
    public static final String DROPPED = "jetway_telemetry_dropped_events_total";

    private record RequestKey(String mcpMethod, String provider, String tool) implements Comparable<RequestKey> {
        Map<String, String> labels() {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("mcp_method", mcpMethod);
            labels.put("provider", provider);
            labels.put("tool", tool);
            return labels;
        }

        @Override
        public int compareTo(RequestKey o) {
            return (mcpMethod + '\0' + provider + '\0' + tool).compareTo(o.mcpMethod + '\0' + o.provider + '\0' + o.tool);
        }
    }

    private static final class RequestStats {
        long requests;
        long errors;
        final LatencyHistogram latency = new LatencyHistogram();
    }

    private static final class ProviderStats {
        long starts;
        long startFailures;
        long idleStops;
        LifecycleState state;
        CircuitStatus circuit;
    }

    private final LongSupplier droppedEvents;
    private final MetricLabels labels;
    private final ProviderEventCodec codec = new ProviderEventCodec();
    private final Map<RequestKey, RequestStats> requests = new TreeMap<>();
    private final Map<String, ProviderStats> providers = new TreeMap<>();
    private long sessionsStarted;
    private long sessionsEnded;

    /**
     * @param droppedEvents the bus's drop count, read at each scrape
     * @param labels which methods, providers and tools get series of their own
     */
    public GatewayMetrics(LongSupplier droppedEvents, MetricLabels labels) {
        this.droppedEvents = Objects.requireNonNull(droppedEvents, "droppedEvents");
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public synchronized void onBatch(List<TelemetryEvent> events) {
        for (TelemetryEvent event : events) {
            switch (event) {
                case TelemetryEvent.Request r -> {
                    RequestStats stats = requests.computeIfAbsent(new RequestKey(labels.method(r.mcpMethod()),
                            labels.provider(r.provider()), labels.tool(r.tool())), k -> new RequestStats());
                    stats.requests++;
                    if (r.failed()) stats.errors++;
                    stats.latency.observeMicros(r.latencyMicros());
                }
                case TelemetryEvent.SessionStart s -> sessionsStarted++;
                case TelemetryEvent.SessionEnd s -> sessionsEnded++;
                case TelemetryEvent.Heartbeat h -> { }
            }
        }
    }

    @Override
    public void flush() {
        // Counters are read at scrape time; nothing is buffered.
    }

    /** Provider streams only; events of other streams and of unknown types are ignored. */
    @Override
    public void onAppended(List<EventEnvelope> events) {
        for (EventEnvelope envelope : events) {
            if (!envelope.streamId().startsWith("provider#")) continue;
            ProviderEvent event;
            try {
                event = codec.decode(envelope);
            } catch (RuntimeException e) {
                continue;
            }
            synchronized (this) {
                apply(event);
            }
        }
    }

    private void apply(ProviderEvent event) {
        if (event instanceof ProviderEvent.ProviderRemoved) {
            providers.remove(event.provider());
            return;
        }
        ProviderStats p = providers.computeIfAbsent(event.provider(), k -> new ProviderStats());
        switch (event) {
            case ProviderEvent.ProviderRegistered e -> p.state = LifecycleState.COLD;
            case ProviderEvent.ProviderStartRequested e -> p.state = LifecycleState.INITIALIZING;
            case ProviderEvent.ProviderStarted e -> {
                p.state = LifecycleState.READY;
                p.starts++;
            }
            case ProviderEvent.ProviderStartFailed e -> {
                p.state = LifecycleState.DEAD;
                p.startFailures++;
            }
            case ProviderEvent.ProviderDegraded e -> p.state = LifecycleState.DEGRADED;
            case ProviderEvent.ProviderRecovered e -> p.state = LifecycleState.READY;
            case ProviderEvent.ProviderStopped e -> {
                p.state = e.reason() == StopReason.FAILURE ? LifecycleState.DEAD : LifecycleState.COLD;
                if (e.reason() == StopReason.IDLE) p.idleStops++;
            }
            case ProviderEvent.CircuitOpened e -> p.circuit = CircuitStatus.OPEN;
            case ProviderEvent.CircuitHalfOpened e -> p.circuit = CircuitStatus.HALF_OPEN;
            case ProviderEvent.CircuitClosed e -> p.circuit = CircuitStatus.CLOSED;
            case ProviderEvent.ProviderRemoved e -> { }
            case ProviderEvent.ProviderConfigChanged e -> { }
            case ProviderEvent.HealthCheckFailed e -> { }
            case ProviderEvent.HealthCheckPassed e -> { }
            case ProviderEvent.ToolSchemaVersionCreated e -> { }
            case ProviderEvent.ToolSchemaVersionApproved e -> { }
            case ProviderEvent.ProviderUsed e -> { }
        }
    }

    /** Everything, in the text exposition format. */
    public synchronized String scrape() {
        PrometheusText text = new PrometheusText();
        text.family(REQUESTS, "counter", "MCP requests through the gateway");
        requests.forEach((k, s) -> text.sample(REQUESTS, k.labels(), s.requests));
        text.family(ERRORS, "counter", "requests answered with a JSON-RPC error, an HTTP error status or a tool result with isError");
        requests.forEach((k, s) -> text.sample(ERRORS, k.labels(), s.errors));
        text.family(DURATION, "histogram", "time from receiving a request to its last response byte, in seconds");
        requests.forEach((k, s) -> histogram(text, k.labels(), s.latency));
        text.family(SESSIONS_STARTED, "counter", "session-era client sessions initialized");
        text.sample(SESSIONS_STARTED, Map.of(), sessionsStarted);
        text.family(SESSIONS_ENDED, "counter", "session-era client sessions ended by the client");
        text.sample(SESSIONS_ENDED, Map.of(), sessionsEnded);
        text.family(PROVIDER_STARTS, "counter", "provider starts that succeeded (ProviderStarted)");
        providers.forEach((name, p) -> text.sample(PROVIDER_STARTS, Map.of("provider", name), p.starts));
        text.family(PROVIDER_START_FAILURES, "counter", "provider starts that failed (ProviderStartFailed)");
        providers.forEach((name, p) -> text.sample(PROVIDER_START_FAILURES, Map.of("provider", name), p.startFailures));
        text.family(PROVIDER_IDLE_STOPS, "counter", "providers stopped because they were idle (ProviderStopped reason idle)");
        providers.forEach((name, p) -> text.sample(PROVIDER_IDLE_STOPS, Map.of("provider", name), p.idleStops));
        text.family(PROVIDER_STATE, "gauge", "1 for the provider's current lifecycle state, 0 for the others");
        providers.forEach((name, p) -> {
            if (p.state == null) return;
            for (LifecycleState s : LifecycleState.values()) {
                text.sample(PROVIDER_STATE, stateLabels(name, s.name()), s == p.state ? 1 : 0);
            }
        });
        text.family(CIRCUIT_STATE, "gauge", "1 for the provider's current circuit breaker state, 0 for the others");
        providers.forEach((name, p) -> {
            if (p.circuit == null) return;
            for (CircuitStatus s : CircuitStatus.values()) {
                text.sample(CIRCUIT_STATE, stateLabels(name, s.name()), s == p.circuit ? 1 : 0);
            }
        });
        text.family(DROPPED, "counter", "telemetry events dropped because the telemetry queue was full");
        text.sample(DROPPED, Map.of(), droppedEvents.getAsLong());
        return text.toString();
    }

    private static void histogram(PrometheusText text, Map<String, String> labels, LatencyHistogram histogram) {
        for (int i = 0; i < LatencyHistogram.BUCKETS_SECONDS.length; i++) {
            text.sample(DURATION + "_bucket", withLe(labels, PrometheusText.number(LatencyHistogram.BUCKETS_SECONDS[i])),
                    histogram.cumulative(i));
        }
        text.sample(DURATION + "_bucket", withLe(labels, "+Inf"), histogram.count());
        text.sample(DURATION + "_sum", labels, histogram.sumSeconds());
        text.sample(DURATION + "_count", labels, histogram.count());
    }

    private static Map<String, String> withLe(Map<String, String> labels, String le) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put("le", le);
        return all;
    }

    private static Map<String, String> stateLabels(String provider, String state) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("provider", provider);
        labels.put("state", state);
        return labels;
    }
}
