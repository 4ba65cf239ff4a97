package dev.jetway.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.config.ConfigLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeploymentInputsTest {

    @Test
    void aSubprocessProviderCannotBeDeployedAndTheErrorSaysWhatToUseInstead() {
        assertThatThrownBy(() -> Synth.inputs("providers: {everything: {mode: subprocess, command: [node, s.js]}}"))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessageContaining("providers.everything.mode: subprocess providers run only in local mode")
                .hasMessageContaining("mode container");
    }

    @Test
    void aMissingFunctionsJarSaysHowToBuildIt() {
        assertThatThrownBy(() -> new DeploymentInputs(Path.of("jetway.yaml"),
                ConfigLoader.parse("providers: {}", "jetway.yaml"), Path.of("no/such.jar")))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessageContaining("no/such.jar does not exist; build it with `mvn -pl functions -am package -DskipTests`");
    }

    @Test
    void theHealthScheduleFollowsTheShortestIntervalInWholeMinutesAndAtLeastOne() {
        assertThat(JetwayStack.healthIntervalMinutes(ConfigLoader.parse("providers: {}", "j"))).isEqualTo(1);
        assertThat(JetwayStack.healthIntervalMinutes(ConfigLoader.parse("""
                providers:
                  a: {mode: remote, url: 'https://a.example.com/mcp', health_check_interval_s: 300}
                  b: {mode: remote, url: 'https://b.example.com/mcp', health_check_interval_s: 600}
                """, "j"))).isEqualTo(5);
        assertThat(JetwayStack.healthIntervalMinutes(ConfigLoader.parse("""
                providers:
                  a: {mode: remote, url: 'https://a.example.com/mcp', health_check_interval_s: 10}
                """, "j"))).isEqualTo(1);
    }
}
