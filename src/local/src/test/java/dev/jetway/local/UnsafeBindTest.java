package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command line, in its own JVM: a public bind without authentication never starts. */
class UnsafeBindTest {

    @Test
    void starting_on_all_interfaces_without_authentication_exits_with_the_reason(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("jetway.yaml"), """
                providers:
                  p: {mode: remote, url: "https://p.example/mcp"}
                """);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JetwayLocal.class.getName(),
                "--config", config.toString(), "--host", "0.0.0.0", "--port", "0")
                .redirectErrorStream(true).start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("jetway: refusing to listen on 0.0.0.0 without authentication")
                .doesNotContain("MCP endpoint ready");
    }
}
