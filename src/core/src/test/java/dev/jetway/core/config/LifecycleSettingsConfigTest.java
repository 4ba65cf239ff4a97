package dev.jetway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lifecycle keys of the gateway section: defaults, overrides, and errors that say what is wrong. */
class LifecycleSettingsConfigTest {

    static final String PROVIDERS = "providers:\n  p: {mode: remote, url: \"https://p.example/mcp\"}\n";

    @Test
    void defaultsWaitBelowTheThirtySecondFrontDoorLimitAndServeTheManagementTools() {
        LifecycleSettings lifecycle = ConfigLoader.parse(PROVIDERS, "t.yaml").settings().lifecycle();

        assertThat(lifecycle.startWait()).isEqualTo(Duration.ofSeconds(25)).isLessThan(Duration.ofSeconds(30));
        assertThat(lifecycle.circuitFailureThreshold()).isEqualTo(5);
        assertThat(lifecycle.circuitResetTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(lifecycle.managementTools()).isTrue();
    }

    @Test
    void theGatewaySectionOverridesEachLifecycleKey() {
        LifecycleSettings lifecycle = ConfigLoader.parse("""
                gateway: {start_wait_s: 10, circuit_failure_threshold: 2, circuit_reset_s: 5, management_tools: false}
                """ + PROVIDERS, "t.yaml").settings().lifecycle();

        assertThat(lifecycle).isEqualTo(new LifecycleSettings(Duration.ofSeconds(10), 2, Duration.ofSeconds(5), false));
    }

    @Test
    void aZeroStartWaitIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("gateway: {start_wait_s: 0}\n" + PROVIDERS, "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessage("t.yaml: gateway: start_wait_s must be positive");
    }

    @Test
    void aMisspeltLifecycleKeyIsAnUnknownKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("gateway: {managment_tools: false}\n" + PROVIDERS, "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("t.yaml: gateway.managment_tools: unknown key; expected one of")
                .hasMessageContaining("management_tools");
    }
}
