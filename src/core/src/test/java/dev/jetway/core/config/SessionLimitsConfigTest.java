package dev.jetway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The keys that bound what sessions and a full heap may do (gateway section): defaults that bound
 * memory without a config, overrides, and errors that name the key.
 */
class SessionLimitsConfigTest {

    static final String PROVIDERS = "providers:\n  p: {mode: remote, url: \"https://p.example/mcp\"}\n";

    @Test
    void withoutAGatewaySectionSessionsAndClientDataAreBoundedAndReadinessWatchesTheHeap() {
        GatewaySettings settings = ConfigLoader.parse(PROVIDERS, "t.yaml").settings();

        assertThat(settings.sessionLimits()).as("10,000 sessions, 100 per caller, 8 KiB of each kind of client data")
                .isEqualTo(new SessionLimits(10_000, 100, 8192, 8192));
        assertThat(settings.readinessMaxHeapPercent()).isEqualTo(90);
    }

    @Test
    void theGatewaySectionOverridesEachLimit() {
        GatewaySettings settings = ConfigLoader.parse("""
                gateway: {max_sessions: 500, max_sessions_per_caller: 5, max_client_info_bytes: 1024,
                          max_client_capabilities_bytes: 2048, readiness_max_heap_percent: 75}
                """ + PROVIDERS, "t.yaml").settings();

        assertThat(settings.sessionLimits()).isEqualTo(new SessionLimits(500, 5, 1024, 2048));
        assertThat(settings.readinessMaxHeapPercent()).isEqualTo(75);
    }

    @Test
    void aZeroSessionLimitIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("gateway: {max_sessions_per_caller: 0}\n" + PROVIDERS, "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.yaml: gateway: max_sessions_per_caller must be at least 1");
    }

    @Test
    void aHeapPercentageAbove100IsRefusedNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("gateway: {readiness_max_heap_percent: 101}\n" + PROVIDERS, "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.yaml: gateway: readiness_max_heap_percent must be between 1 and 100");
    }
}
