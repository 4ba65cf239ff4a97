package dev.jetway.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.domain.provider.ProviderCommand;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.domain.provider.StopReason;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.eventstore.ObservedEventStore;
import dev.jetway.core.registry.ProviderRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    /** A sample line of the text format: a name, optional labels, one value. */
    static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*})? "
                    + "(-?[0-9.]+(E-?[0-9]+)?|[+-]Inf|NaN)");

    final AtomicLong dropped = new AtomicLong();
    final GatewayMetrics metrics = new GatewayMetrics(dropped::get,
            MetricLabels.knowing(Set.of("math", "we\"ird"), Set.of("math__add", "a\\b\nc")));

    @Test
    void requestsErrorsAndLatencyAreCountedPerMcpMethodProviderAndTool() {
        metrics.onBatch(List.of(
                EmfSinkTest.request("math", "math__add", 800, null),
                EmfSinkTest.request("math", "math__add", 3_000, -32603),
                EmfSinkTest.request("math", "math__add", 120_000_000, null),
                EmfSinkTest.request(null, null, 100, null)));

        String text = metrics.scrape();

        String add = "{mcp_method=\"tools/call\",provider=\"math\",tool=\"math__add\"";
        assertThat(text).contains("jetway_requests_total" + add + "} 3\n")
                .contains("jetway_request_errors_total" + add + "} 1\n")
                .contains("jetway_request_duration_seconds_bucket" + add + ",le=\"0.001\"} 1\n")
                .contains("jetway_request_duration_seconds_bucket" + add + ",le=\"0.005\"} 2\n")
                .as("a two-minute call is above every finite bucket")
                .contains("jetway_request_duration_seconds_bucket" + add + ",le=\"60\"} 2\n")
                .contains("jetway_request_duration_seconds_bucket" + add + ",le=\"+Inf\"} 3\n")
                .contains("jetway_request_duration_seconds_count" + add + "} 3\n")
                .contains("jetway_request_duration_seconds_sum" + add + "} 120.0038\n")
                .contains("jetway_requests_total{mcp_method=\"tools/list\",provider=\"\",tool=\"\"} 1\n");
    }

    @Test
    void theExpositionIsWellFormedTextFormat() {
        metrics.onBatch(TelemetryFixtures.oneOfEachType());
        metrics.onBatch(List.of(EmfSinkTest.request("we\"ird", "a\\b\nc", 5, null)));

        String text = metrics.scrape();

        assertThat(text).endsWith("\n");
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
            assertThat(line).as("sample line").matches(SAMPLE);
        }
        assertThat(text).contains("provider=\"we\\\"ird\",tool=\"a\\\\b\\nc\"");
        assertThat(text.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).toList())
                .as("each family declared once").doesNotHaveDuplicates();
    }

    @Test
    void providerStartsIdleStopsAndStateFollowTheStoredProviderEvents() {
        ObservedEventStore store = new ObservedEventStore(new InMemoryEventStore(), List.of(metrics));
        ProviderRepository providers = new ProviderRepository(store,
                Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC));
        providers.execute("math", new ProviderCommand.Register(ProviderSpec.subprocess("node", "math.js")), "c", null);
        providers.execute("math", new ProviderCommand.RequestStart(), "c", null);
        providers.execute("math", new ProviderCommand.MarkStarted(null, 3, Duration.ofMillis(40)), "c", null);
        providers.execute("math", new ProviderCommand.Stop(StopReason.IDLE, "idle for 300 s"), "c", null);
        providers.execute("math", new ProviderCommand.RequestStart(), "c", null);
        providers.execute("math", new ProviderCommand.MarkStarted(null, 3, Duration.ofMillis(40)), "c", null);
        providers.execute("math", new ProviderCommand.OpenCircuit(5, Duration.ofSeconds(30)), "c", null);

        String text = metrics.scrape();

        assertThat(text).contains("jetway_provider_starts_total{provider=\"math\"} 2\n")
                .contains("jetway_provider_idle_stops_total{provider=\"math\"} 1\n")
                .contains("jetway_provider_state{provider=\"math\",state=\"READY\"} 1\n")
                .contains("jetway_provider_state{provider=\"math\",state=\"COLD\"} 0\n")
                .contains("jetway_provider_circuit_state{provider=\"math\",state=\"OPEN\"} 1\n")
                .contains("jetway_provider_circuit_state{provider=\"math\",state=\"CLOSED\"} 0\n");
        assertThat(store.observerFailures()).isZero();
    }

    @Test
    void unknownMethodsProvidersAndToolsAreCountedUnderOneFoldedValueWhateverTheirNumber() {
        List<TelemetryEvent> unknown = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            unknown.add(EmfSinkTest.request("math", "math__made_up_" + i, 100, -32602));
            unknown.add(EmfSinkTest.request("nobody_" + i, "nobody_" + i + "__x", 100, -32602));
            unknown.add(withMethod(EmfSinkTest.request(null, null, 100, -32601), "made/up/" + i));
        }

        metrics.onBatch(unknown);

        String text = metrics.scrape();
        assertThat(text.lines().filter(l -> l.startsWith(GatewayMetrics.REQUESTS + "{")))
                .as("3,000 unknown names, three series: unknown tool of a known provider, unknown provider, unknown method")
                .containsExactlyInAnyOrder(
                        "jetway_requests_total{mcp_method=\"tools/call\",provider=\"math\",tool=\"(other)\"} 1000",
                        "jetway_requests_total{mcp_method=\"tools/call\",provider=\"(other)\",tool=\"(other)\"} 1000",
                        "jetway_requests_total{mcp_method=\"(other)\",provider=\"\",tool=\"\"} 1000");
    }

    private static TelemetryEvent.Request withMethod(TelemetryEvent.Request r, String method) {
        return new TelemetryEvent.Request(r.id(), r.ts(), r.proxy(), r.session(), r.method(), r.path(), method,
                r.tool(), r.status(), r.latencyMicros(), r.upstreamMicros(), r.requestBytes(), r.responseBytes(),
                r.errorCode(), r.errorMessage(), r.clientName(), r.clientVersion(), r.note(), r.provider(), r.toolError());
    }

    @Test
    void theBusDropCountIsReadAtScrapeTime() {
        dropped.set(17);

        assertThat(metrics.scrape()).contains("jetway_telemetry_dropped_events_total 17\n");
    }

    @Test
    void everyDocumentedFamilyIsExposedEvenBeforeAnyTraffic() {
        Set<String> families = Set.of(GatewayMetrics.REQUESTS, GatewayMetrics.ERRORS, GatewayMetrics.DURATION,
                GatewayMetrics.SESSIONS_STARTED, GatewayMetrics.SESSIONS_ENDED, GatewayMetrics.PROVIDER_STARTS,
                GatewayMetrics.PROVIDER_START_FAILURES, GatewayMetrics.PROVIDER_IDLE_STOPS, GatewayMetrics.PROVIDER_STATE,
                GatewayMetrics.CIRCUIT_STATE, GatewayMetrics.DROPPED);

        assertThat(metrics.scrape().lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]))
                .containsExactlyInAnyOrderElementsOf(families);
    }
}
