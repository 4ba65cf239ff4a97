package dev.jetway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TelemetryConfigTest {

    static final String PROVIDERS = """
            providers:
              math: {mode: remote, url: "https://math.example.com/mcp"}
            """;

    @Test
    void withoutATelemetrySectionStderrJsonlAndMetricsAreOnAndEmfAndEventBridgeOff() {
        TelemetrySettings telemetry = ConfigLoader.parse(PROVIDERS, "jetway.yaml").telemetry();

        assertThat(telemetry).isEqualTo(TelemetrySettings.defaults());
        assertThat(telemetry.jsonlPath()).isEqualTo(".jetway/events.jsonl");
        assertThat(telemetry.eventBridgeBus()).isNull();
    }

    @Test
    void everyKeyIsRead() {
        TelemetrySettings telemetry = ConfigLoader.parse(PROVIDERS + """
                telemetry:
                  stderr: false
                  jsonl: logs/jetway.jsonl
                  prometheus: false
                  emf: true
                  eventbridge: {bus: jetway-telemetry, sample_rate: 0.25}
                  queue_capacity: 500
                  batch_size: 20
                  flush_interval_ms: 250
                  metrics_public: true
                """, "jetway.yaml").telemetry();

        assertThat(telemetry).isEqualTo(new TelemetrySettings(true, false, "logs/jetway.jsonl", false, true,
                "jetway-telemetry", 0.25, 500, 20, Duration.ofMillis(250), true));
    }

    @Test
    void metricsAreBehindTheEdgeUnlessTheConfigOpensThem() {
        assertThat(ConfigLoader.parse(PROVIDERS, "j.yaml").telemetry().metricsPublic()).isFalse();
    }

    @Test
    void jsonlFalseTurnsTheFileOffAndEnabledFalseTurnsEverythingOff() {
        assertThat(ConfigLoader.parse(PROVIDERS + "telemetry: {jsonl: false}\n", "j.yaml").telemetry().jsonlPath()).isNull();
        assertThat(ConfigLoader.parse(PROVIDERS + "telemetry: {enabled: false}\n", "j.yaml").telemetry().enabled()).isFalse();
    }

    @Test
    void aMisspeltKeyIsAnErrorNamingItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse(PROVIDERS + "telemetry: {stdrr: true}\n", "jetway.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("jetway.yaml: telemetry.stdrr: unknown key; expected one of");
    }

    @Test
    void aSampleRateOutsideZeroToOneIsAnErrorNamingItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse(PROVIDERS + "telemetry: {eventbridge: {bus: b, sample_rate: 2}}\n",
                "jetway.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("jetway.yaml: telemetry.eventbridge.sample_rate: expected a number from 0 to 1 but found the number 2");
    }

    @Test
    void eventBridgeWithoutABusIsAnErrorThatSaysWhatToAdd() {
        assertThatThrownBy(() -> ConfigLoader.parse(PROVIDERS + "telemetry: {eventbridge: {sample_rate: 0.5}}\n",
                "jetway.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("telemetry.eventbridge.bus: missing");
    }

    @Test
    void aJsonlValueThatIsNeitherAPathNorABooleanIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.parse(PROVIDERS + "telemetry: {jsonl: 3}\n", "jetway.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("telemetry.jsonl: expected a file path, true (.jetway/events.jsonl) or false");
    }
}
