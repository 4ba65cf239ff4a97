package dev.jetway.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EmfSinkTest {

    static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final EmfSink sink = new EmfSink(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            Clock.fixed(NOW, ZoneOffset.UTC), "jetway-gateway",
            MetricLabels.knowing(java.util.Set.of("math", "web"), java.util.Set.of("math__add", "web__get")));

    @Test
    void requestsBecomeOneDocumentPerProviderAndToolWithCountErrorsAndEveryLatency() {
        sink.onBatch(List.of(request("math", "math__add", 1500, null), request("math", "math__add", 2500, -32603),
                request("web", "web__get", 900, null), request(null, null, 40, null)));

        List<JsonNode> lines = lines();
        assertThat(lines).as("a cold start, then math__add, web__get and the gateway-served list").hasSize(4);
        JsonNode math = lines.get(1);
        assertThat(math.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("Jetway");
        assertThat(math.at("/_aws/CloudWatchMetrics/0/Dimensions")).isEqualTo(Json.parse("[[\"provider\",\"tool\"],[\"service\"]]"));
        assertThat(math.get("service").asText()).as("the service-only set sums every provider and tool")
                .isEqualTo("jetway-gateway");
        assertThat(math.at("/_aws/Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(math.get("provider").asText()).isEqualTo("math");
        assertThat(math.get("tool").asText()).isEqualTo("math__add");
        assertThat(math.get("RequestCount").asInt()).isEqualTo(2);
        assertThat(math.get("Errors").asInt()).isEqualTo(1);
        assertThat(math.get("Latency")).isEqualTo(Json.parse("[1500,2500]"));
        assertThat(lines.get(3).get("provider").asText()).as("dimension values are never empty").isEqualTo("none");
    }

    @Test
    void everyLineIsAValidEmfDocumentWhoseMetricsAndDimensionsAreOnTheRoot() throws IOException {
        List<TelemetryEvent> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) many.add(request("math", "math__add", i, null));
        sink.onBatch(many);
        sink.onAppended(List.of(providerStarted("math")));

        Schema emf;
        try (InputStream schema = getClass().getResourceAsStream("/emf/emf-document.schema.json")) {
            emf = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
        }
        List<JsonNode> lines = lines();
        assertThat(lines).as("cold start, 250 latencies in lines of at most 100, provider start").hasSize(5);
        for (JsonNode line : lines) {
            assertThat(emf.validate(line)).as("EMF structure of %s", line).isEmpty();
            for (JsonNode directive : line.at("/_aws/CloudWatchMetrics")) {
                for (JsonNode set : directive.get("Dimensions")) {
                    set.forEach(d -> assertThat(line.path(d.asText()).isTextual())
                            .as("dimension %s is a string member of the root", d).isTrue());
                }
                for (JsonNode metric : directive.get("Metrics")) {
                    JsonNode value = line.path(metric.get("Name").asText());
                    assertThat(value.isNumber() || (value.isArray() && value.size() <= 100 && value.size() > 0))
                            .as("metric %s is a number or an array of at most 100 on the root", metric).isTrue();
                }
            }
        }
        assertThat(lines.stream().filter(l -> l.has("RequestCount")).mapToInt(l -> l.get("RequestCount").asInt()).sum())
                .isEqualTo(250);
        assertThat(lines.get(0).get("ColdStart").asInt()).isEqualTo(1);
        assertThat(lines.get(4).get("ProviderStarts").asInt()).isEqualTo(1);
        assertThat(lines.get(4).get("provider").asText()).isEqualTo("math");
    }

    @Test
    void theColdStartIsWrittenOncePerInstance() {
        sink.onBatch(List.of(request("math", "math__add", 1, null)));
        sink.onBatch(List.of(request("math", "math__add", 1, null)));

        assertThat(lines()).filteredOn(l -> l.has("ColdStart")).hasSize(1);
    }

    @Test
    void anIdleStopCountsUnderItsProviderAndOtherStopsDoNot() {
        sink.onAppended(List.of(providerStopped("math", "idle"), providerStopped("web", "failure")));

        List<JsonNode> lines = lines();
        assertThat(lines).as("only the idle stop is a metric").hasSize(1);
        assertThat(lines.get(0).get("ProviderIdleStops").asInt()).isEqualTo(1);
        assertThat(lines.get(0).get("provider").asText()).isEqualTo("math");
        assertThat(lines.get(0).at("/_aws/CloudWatchMetrics/0/Dimensions")).isEqualTo(Json.parse("[[\"provider\"]]"));
    }

    @Test
    void madeUpToolAndProviderNamesShareOneDimensionValueSoTheyCreateNoNewCloudWatchMetrics() {
        List<TelemetryEvent> madeUp = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            madeUp.add(request("math", "math__guess_" + i, 100, -32602));
            madeUp.add(request("ghost_" + i, "ghost_" + i + "__x", 100, -32602));
        }

        sink.onBatch(madeUp);

        List<String> dimensions = lines().stream().skip(1)
                .map(l -> l.path("provider").asText() + " / " + l.path("tool").asText()).distinct().toList();
        assertThat(dimensions).as("1,000 made-up names, two dimension pairs")
                .containsExactlyInAnyOrder("math / (other)", "(other) / (other)");
    }

    private List<JsonNode> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().map(Json::parse).toList();
    }

    static TelemetryEvent.Request request(String provider, String tool, long latencyMicros, Integer errorCode) {
        return new TelemetryEvent.Request(UUID.randomUUID().toString(), NOW, "jetway", "s-1", "POST", "/mcp",
                tool == null ? "tools/list" : "tools/call", tool, 200, latencyMicros, null, 10, 10, errorCode,
                errorCode == null ? null : "boom", null, null, null, provider, null);
    }

    static EventEnvelope providerStopped(String provider, String reason) {
        return new EventEnvelope(UUID.randomUUID(), "ProviderStopped", 2, "provider#" + provider, 5, NOW, null,
                Json.object().put("provider", provider).put("reason", reason));
    }

    static EventEnvelope providerStarted(String provider) {
        return new EventEnvelope(UUID.randomUUID(), "ProviderStarted", 1, "provider#" + provider, 2, NOW, null,
                Json.object().put("provider", provider).put("tools_count", 3).put("startup_duration_ms", 120));
    }
}
