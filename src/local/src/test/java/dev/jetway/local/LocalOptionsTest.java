package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {

    @Test
    void defaultsServeTheExampleOnLoopbackPort8080() {
        assertThat(LocalOptions.parse(new String[0], Map.of()))
                .isEqualTo(new LocalOptions(Path.of("examples/jetway.yaml"), "127.0.0.1", 8080));
    }

    @Test
    void environmentVariablesSetEveryOption() {
        assertThat(LocalOptions.parse(new String[0],
                Map.of("JETWAY_CONFIG", "a.yaml", "JETWAY_PORT", "9090", "JETWAY_HOST", "0.0.0.0")))
                .isEqualTo(new LocalOptions(Path.of("a.yaml"), "0.0.0.0", 9090));
    }

    @Test
    void flagsWinOverEnvironmentVariablesInBothSpellings() {
        assertThat(LocalOptions.parse(new String[] {"--config", "b.yaml", "--port=7000", "--host", "::1"},
                Map.of("JETWAY_CONFIG", "a.yaml", "JETWAY_PORT", "9090")))
                .isEqualTo(new LocalOptions(Path.of("b.yaml"), "::1", 7000));
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--port", "http"}, Map.of()))
                .hasMessage("--port must be a number, not 'http'");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--verbose"}, Map.of()))
                .hasMessage("--verbose needs a value");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--colour", "red"}, Map.of()))
                .hasMessage("unknown option --colour");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--port", "70000"}, Map.of()))
                .hasMessage("--port must be between 0 and 65535");
    }
}
