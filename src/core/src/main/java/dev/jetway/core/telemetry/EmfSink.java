package dev.jetway.core.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.domain.provider.ProviderEvent;
import dev.jetway.core.eventstore.AppendedEventsObserver;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CloudWatch metrics as Embedded Metric Format lines: one JSON object per line on a stream (stdout
 * in Lambda, where CloudWatch Logs extracts the metrics). Namespace {@value #NAMESPACE}.
 *
 * <ul>
 *   <li>per batch of telemetry and per {@code provider} × {@code tool} (dimension values
 *       {@value #NONE} for requests that have none, such as {@code tools/list}, and
 *       {@value MetricLabels#OTHER} for a provider or tool the gateway does not know, so that made-up
 *       names cannot create CloudWatch metrics, each of which is billed):
 *       {@code RequestCount} and {@code Errors} (Count) and {@code Latency} (Microseconds, every
 *       request's value, at most {@value #MAX_VALUES} per line), each also under the dimension set
 *       {@code service} alone, which the deployment's dashboard and error-rate alarm read;
 *   <li>{@code ColdStart} (Count, dimension {@code service}) once, with the first batch this
 *       instance writes;
 *   <li>{@code ProviderStarts} (Count, dimension {@code provider}) per stored
 *       {@code ProviderStarted} event;
 *   <li>{@code ProviderIdleStops} (Count, dimension {@code provider}) per stored
 *       {@code ProviderStopped} event whose reason is {@code idle}.
 * </ul>
 */
public final class EmfSink implements EventSink, AppendedEventsObserver {

    public static final String NAMESPACE = "Jetway";
    public static final String NONE = "none";
    /** EMF takes at most 100 values in one metric's array. */
    static final int MAX_VALUES = 100;

    private record Key(String provider, String tool) {}

    private final PrintStream out;
    private final Clock clock;
    private final String service;
    private final MetricLabels labels;
    private boolean coldStartWritten;

    /**
     * @param service the value of the {@code service} dimension of {@code ColdStart}
     * @param labels which providers and tools get dimension values of their own
     */
    public EmfSink(PrintStream out, Clock clock, String service, MetricLabels labels) {
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.service = Objects.requireNonNull(service, "service");
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    @Override
    public String name() {
        return "emf";
    }

    @Override
    public synchronized void onBatch(List<TelemetryEvent> events) {
        Map<Key, List<TelemetryEvent.Request>> groups = new LinkedHashMap<>();
        for (TelemetryEvent event : events) {
            if (event instanceof TelemetryEvent.Request r) {
                Key key = new Key(dimension(r.provider(), labels::provider), dimension(r.tool(), labels::tool));
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            }
        }
        if (groups.isEmpty()) return;
        if (!coldStartWritten) {
            coldStartWritten = true;
            ObjectNode line = document(List.of(List.of("service")), List.of(metric("ColdStart", "Count")));
            line.put("service", service).put("ColdStart", 1);
            out.println(Json.write(line));
        }
        groups.forEach((key, requests) -> {
            for (int from = 0; from < requests.size(); from += MAX_VALUES) {
                out.println(Json.write(requestLine(key, requests.subList(from, Math.min(requests.size(), from + MAX_VALUES)))));
            }
        });
    }

    @Override
    public synchronized void flush() {
        out.flush();
    }

    @Override
    public void onAppended(List<EventEnvelope> events) {
        for (EventEnvelope event : events) {
            String metric = providerMetric(event);
            if (metric == null) continue;
            ObjectNode line = document(List.of(List.of("provider")), List.of(metric(metric, "Count")));
            line.put("provider", event.data().path("provider").asText(NONE)).put(metric, 1);
            synchronized (this) {
                out.println(Json.write(line));
            }
        }
    }

    private static String providerMetric(EventEnvelope event) {
        if (ProviderEvent.ProviderStarted.class.getSimpleName().equals(event.eventType())) return "ProviderStarts";
        boolean stopped = ProviderEvent.ProviderStopped.class.getSimpleName().equals(event.eventType());
        return stopped && "idle".equals(event.data().path("reason").asText()) ? "ProviderIdleStops" : null;
    }

    private ObjectNode requestLine(Key key, List<TelemetryEvent.Request> requests) {
        ObjectNode line = document(List.of(List.of("provider", "tool"), List.of("service")),
                List.of(metric("RequestCount", "Count"), metric("Errors", "Count"), metric("Latency", "Microseconds")));
        line.put("provider", key.provider()).put("tool", key.tool()).put("service", service);
        line.put("RequestCount", requests.size());
        line.put("Errors", requests.stream().filter(TelemetryEvent.Request::failed).count());
        ArrayNode latency = line.putArray("Latency");
        requests.forEach(r -> latency.add(r.latencyMicros()));
        return line;
    }

    private ObjectNode document(List<List<String>> dimensionSets, List<ObjectNode> metrics) {
        ObjectNode line = Json.object();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode sets = directive.putArray("Dimensions");
        for (List<String> dimensions : dimensionSets) {
            ArrayNode set = sets.addArray();
            dimensions.forEach(set::add);
        }
        ArrayNode definitions = directive.putArray("Metrics");
        metrics.forEach(definitions::add);
        return line;
    }

    private static ObjectNode metric(String name, String unit) {
        return Json.object().put("Name", name).put("Unit", unit);
    }

    private static String dimension(String value, java.util.function.UnaryOperator<String> label) {
        return value == null || value.isEmpty() ? NONE : label.apply(value);
    }
}
