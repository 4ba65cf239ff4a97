package dev.jetway.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.json.Json;
import dev.jetway.core.registry.PublishedEventSchemas;
import dev.jetway.core.telemetry.EventSink;
import dev.jetway.core.telemetry.RequestTelemetry;
import dev.jetway.core.telemetry.TelemetryEvent;
import dev.jetway.core.testing.SettableClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The front door reports every answered request once, with what telemetry needs, through its observer. */
class FrontDoorTelemetryTest {

    final List<TelemetryEvent> events = new CopyOnWriteArrayList<>();
    final EventSink sink = new EventSink() {
        public String name() { return "list"; }
        public void onBatch(List<TelemetryEvent> batch) { events.addAll(batch); }
        public void flush() { }
    };
    final SettableClock clock = SettableClock.at("2026-03-01T12:00:00Z");
    final List<RequestTelemetry> telemetry = new CopyOnWriteArrayList<>();
    final FrontDoorHarness door = new FrontDoorHarness(FrontDoorHarness.TWO_PROVIDERS, gateway -> {
        RequestTelemetry observer = new RequestTelemetry(sink, clock, "jetway", gateway::providerOf);
        telemetry.add(observer);
        return observer;
    });

    @Test
    void aHeartbeatCountsTheLiveSessionsTheUptimeAndTheDroppedEvents() {
        telemetry.get(0).heartbeat(0);
        String first = door.initialize("2025-11-25");
        door.initialize("2025-11-25");
        door.send("DELETE", FrontDoor.SESSION_HEADER, first);
        clock.advance(java.time.Duration.ofSeconds(90));

        telemetry.get(0).heartbeat(7);

        TelemetryEvent.Heartbeat beat = (TelemetryEvent.Heartbeat) events.get(events.size() - 1);
        assertThat(beat.activeSessions()).as("two started, one deleted").isEqualTo(1);
        assertThat(beat.uptimeSeconds()).as("since the first heartbeat").isEqualTo(90);
        assertThat(beat.droppedEvents()).isEqualTo(7);
        assertThat(PublishedEventSchemas.telemetryProblems(beat.toJson())).as("matches its schema").isEmpty();
    }

    {
        door.providers.script("alpha", ScriptedProviders.toolProvider("echo"));
        door.providers.script("beta", ScriptedProviders.toolProvider("fail"));
    }

    @Test
    void aSessionGivesSessionStartARequestPerCallWithToolProviderAndClientAndSessionEnd() {
        String session = door.initialize("2025-11-25");
        door.call(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"alpha__echo\"}}");
        door.send("DELETE", FrontDoor.SESSION_HEADER, session);

        assertThat(events).extracting(TelemetryEvent::type)
                .containsExactly("SessionStart", "Request", "Request", "Request", "SessionEnd");
        TelemetryEvent.Request call = (TelemetryEvent.Request) events.get(2);
        assertThat(call.mcpMethod()).isEqualTo("tools/call");
        assertThat(call.tool()).isEqualTo("alpha__echo");
        assertThat(call.provider()).isEqualTo("alpha");
        assertThat(call.session()).isEqualTo(session);
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.clientName()).as("from the session's initialize").isEqualTo("test");
        assertThat(call.upstreamMicros()).as("the provider was asked").isNotNull();
        assertThat(call.latencyMicros()).isGreaterThanOrEqualTo(call.upstreamMicros());
        assertThat(call.responseBytes()).isPositive();
        assertThat(call.errorCode()).isNull();
        TelemetryEvent.SessionEnd end = (TelemetryEvent.SessionEnd) events.get(4);
        assertThat(end.requests()).as("initialize, the call and the delete").isEqualTo(3);
        for (TelemetryEvent event : events) {
            assertThat(PublishedEventSchemas.telemetryProblems(event.toJson())).as("%s matches its schema", event).isEmpty();
        }
    }

    @Test
    void aJsonRpcErrorIsReportedWithItsCodeAndMessageAndNoUpstreamTime() {
        String session = door.initialize("2025-11-25");
        door.call(session, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"nobody__x\"}}");

        TelemetryEvent.Request failed = (TelemetryEvent.Request) events.get(events.size() - 1);
        assertThat(failed.errorCode()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(failed.errorMessage()).isEqualTo("unknown tool 'nobody__x'");
        assertThat(failed.provider()).isNull();
        assertThat(failed.failed()).isTrue();
    }

    @Test
    void anUnavailableProvidersToolResultIsFlaggedAsAToolError() {
        door.providers.failing("beta", "cannot start");
        String session = door.initialize("2025-11-25");
        var answer = door.call(session, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"beta__fail\"}}");

        TelemetryEvent.Request call = (TelemetryEvent.Request) events.get(events.size() - 1);
        assertThat(answer.at("/result/isError").asBoolean()).isTrue();
        assertThat(call.toolError()).isTrue();
        assertThat(call.provider()).isEqualTo("beta");
    }

    @Test
    void requestsRefusedBeforeParsingAreReportedToo() {
        door.post("{not json");

        TelemetryEvent.Request refused = (TelemetryEvent.Request) events.get(0);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.mcpMethod()).isNull();
        assertThat(refused.errorCode()).isEqualTo(JsonRpc.PARSE_ERROR);
        assertThat(Json.write(refused.toJson())).contains("\"method\":\"POST\"");
    }

    @Test
    void anObserverThatThrowsNeverBreaksTheRequest() {
        FrontDoorHarness broken = new FrontDoorHarness(FrontDoorHarness.TWO_PROVIDERS,
                gateway -> exchange -> { throw new IllegalStateException("telemetry bug"); });

        assertThat(broken.initialize("2025-11-25")).isNotNull();
    }
}
