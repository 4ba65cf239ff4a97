package dev.jetway.aws.eventbridge;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.telemetry.EventBusTelemetrySink;
import dev.jetway.core.telemetry.TelemetryBus;
import dev.jetway.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Telemetry through the bus to EventBridge: the real SDK against the PutEvents stub. */
class EventBusTelemetrySinkTest {

    static final Instant TS = Instant.parse("2026-03-02T08:00:00Z");
    final EventBridgeStubs stubs = new EventBridgeStubs();
    final EventBridgePublisher publisher = new EventBridgePublisher(stubs.client, "jetway-telemetry");

    @AfterEach
    void stop() {
        stubs.close();
    }

    @Test
    void telemetryIsSentInPutEventsBatchesOfAtMostTenWithTheTypeAsDetailType() {
        EventBusTelemetrySink sink = new EventBusTelemetrySink(publisher, 1.0, () -> 0.5);
        TelemetryBus bus = new TelemetryBus(List.of(sink), 100, 50, Duration.ofHours(1));

        for (int i = 0; i < 23; i++) bus.onEvent(request(i));
        bus.onEvent(new TelemetryEvent.SessionStart(TS, "jetway", "s-1", "claude-ai", "1.0", null));
        bus.close(Duration.ofSeconds(5));

        assertThat(sink.sent()).isEqualTo(24);
        assertThat(stubs.putEvents.calls.get()).as("24 entries need at least 3 calls").isGreaterThanOrEqualTo(3);
        stubs.server.getAllServeEvents().forEach(call ->
                assertThat(Json.parse(call.getRequest().getBodyAsString()).get("Entries").size()).isBetween(1, 10));
        JsonNode first = stubs.putEvents.accepted.get(0);
        assertThat(first.get("Source").asText()).isEqualTo("jetway.telemetry");
        assertThat(first.get("DetailType").asText()).isEqualTo("Request");
        assertThat(first.get("EventBusName").asText()).isEqualTo("jetway-telemetry");
        assertThat(first.get("Detail").asText()).isEqualTo(Json.write(request(0).toJson()));
        stubs.server.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .withRequestBody(equalToJson("{\"Entries\":[{\"DetailType\":\"SessionStart\",\"Source\":\"jetway.telemetry\"}]}",
                        true, true)));
    }

    @Test
    void requestsAreSampledAtTheConfiguredRateWhileSessionEventsAlwaysGo() {
        double[] draws = {0.05, 0.95, 0.15, 0.5, 0.01, 0.3, 0.99, 0.2, 0.7, 0.19};
        int[] next = {0};
        EventBusTelemetrySink sink = new EventBusTelemetrySink(publisher, 0.2, () -> draws[next[0]++]);

        sink.onBatch(List.of(request(0), request(1), request(2), request(3), request(4), request(5), request(6),
                request(7), request(8), request(9), new TelemetryEvent.SessionEnd(TS, "jetway", "s-1", 1000, 10)));

        assertThat(stubs.putEvents.accepted).extracting(e -> e.get("DetailType").asText())
                .as("draws below 0.2: requests 0, 2, 4 and 9; the session end is never sampled out")
                .containsExactly("Request", "Request", "Request", "Request", "SessionEnd");
        assertThat(stubs.putEvents.accepted.subList(0, 4)).extracting(e -> Json.parse(e.get("Detail").asText()).get("id").asText())
                .containsExactly("req-0", "req-2", "req-4", "req-9");
    }

    @Test
    void rejectedEntriesAndFailedCallsAreCountedAsLostAndNotRetried() {
        stubs.putEvents.failEntries((entry, previous) ->
                Json.parse(entry.get("Detail").asText()).get("id").asText().equals("req-1") ? "ThrottlingException" : null);
        EventBusTelemetrySink sink = new EventBusTelemetrySink(publisher, 1.0, () -> 0.0);

        sink.onBatch(List.of(request(0), request(1), request(2)));
        stubs.putEvents.failCalls(call -> true);
        sink.onBatch(List.of(request(3), request(4)));

        assertThat(sink.sent()).isEqualTo(2);
        assertThat(sink.lost()).isEqualTo(3);
        assertThat(stubs.putEvents.accepted).extracting(e -> Json.parse(e.get("Detail").asText()).get("id").asText())
                .containsExactly("req-0", "req-2");
    }

    static TelemetryEvent.Request request(int n) {
        return new TelemetryEvent.Request("req-" + n, TS, "jetway", "s-1", "POST", "/mcp", "tools/call", "math__add",
                200, 1500, 1200L, 120, 80, null, null, "claude-ai", "1.0", null, "math", null);
    }
}
