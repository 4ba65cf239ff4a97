package dev.jetway.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.registry.PublishedEventSchemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryEventTest {

    @Test
    void everyTelemetryTypeMatchesItsPublishedSchemaFieldForField() {
        List<TelemetryEvent> all = TelemetryFixtures.oneOfEachType();
        assertThat(all).extracting(TelemetryEvent::type).as("a fixture per permitted type")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(TelemetryEvent.class.getPermittedSubclasses())
                        .map(Class::getSimpleName).toList());

        List<String> problems = new ArrayList<>();
        all.forEach(e -> problems.addAll(PublishedEventSchemas.telemetryProblems(e.toJson())));
        assertThat(problems).isEmpty();
    }

    @Test
    void errorMessagesAreTruncatedTo512Characters() {
        TelemetryEvent.Request request = (TelemetryEvent.Request) TelemetryFixtures.oneOfEachType().get(0);
        assertThat(request.errorMessage()).hasSize(512).startsWith("upstream said: ").endsWith("…");
    }

    @Test
    void theClientPlatformIsNormalizedFromTheClientName() {
        assertThat(ClientPlatform.of("claude-ai")).isEqualTo(ClientPlatform.CLAUDE);
        assertThat(ClientPlatform.of("ChatGPT Connectors")).isEqualTo(ClientPlatform.CHATGPT);
        assertThat(ClientPlatform.of("Visual Studio Code")).isEqualTo(ClientPlatform.VSCODE);
        assertThat(ClientPlatform.of("cursor-vscode")).as("cursor is checked before vscode").isEqualTo(ClientPlatform.CURSOR);
        assertThat(ClientPlatform.of("my-agent")).isEqualTo(ClientPlatform.UNKNOWN);
        assertThat(ClientPlatform.of(null)).isEqualTo(ClientPlatform.UNKNOWN);
    }

    @Test
    void theWireFormStartsWithTheTypeAndLeavesAbsentFieldsOut() {
        String json = TelemetryFixtures.request(1).toJson().toString();
        assertThat(json).startsWith("{\"type\":\"Request\",").doesNotContain("error_code").doesNotContain("null");
    }

    @Test
    void theStderrLineIsHumanReadable() {
        assertThat(StderrSink.line(new TelemetryEvent.SessionEnd(TelemetryFixtures.TS, "jetway", "s-1", 1000, 3)))
                .isEqualTo("telemetry SessionEnd ts=2026-03-02T08:00:00Z proxy=jetway session=s-1 duration_ms=1000 requests=3");
    }
}
