package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command line, in its own JVM: a public bind without authentication never starts, and
 * neither does a local gateway configured for IAM callers, which it could never authenticate.
 */
class UnsafeBindTest {

    @Test
    void starting_on_all_interfaces_without_authentication_exits_with_the_reason(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("jetway.yaml"), """
                providers:
                  p: {mode: remote, url: "https://p.example/mcp"}
                """);
        String output = run(config, "0.0.0.0");

        assertThat(output).contains("jetway: refusing to listen on 0.0.0.0 without authentication")
                .doesNotContain("MCP endpoint ready");
    }

    @Test
    void a_local_gateway_configured_for_iam_callers_exits_with_what_to_use_instead(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("jetway.yaml"), """
                providers:
                  p: {mode: remote, url: "https://p.example/mcp"}
                security:
                  iam:
                    principals:
                      - {arn: "arn:aws:iam::123456789012:role/agents", roles: [agents]}
                """);

        String output = run(config, "127.0.0.1");

        assertThat(output).contains("security.iam").contains("API Gateway's IAM authorizer")
                .contains("use security.api_keys or security.oauth").doesNotContain("MCP endpoint ready");
    }

    private static String run(Path config, String host) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JetwayLocal.class.getName(),
                "--config", config.toString(), "--host", host, "--port", "0")
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        return output;
    }
}
