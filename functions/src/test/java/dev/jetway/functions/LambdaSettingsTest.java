package dev.jetway.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.config.ConfigException;
import dev.jetway.core.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaSettingsTest {

    @Test
    void withoutJetwayConfigTheFileBundledInTheJarIsServed() {
        GatewayConfig config = LambdaSettings.fromEnvironment(Map.of()).loadConfig();

        assertThat(config.settings().allowedHosts()).as("behind API Gateway the Host check is left to it").containsExactly("*");
        assertThat(config.settings().requestTimeout().toSeconds()).as("below API Gateway's 30 s limit").isLessThan(30);
    }

    @Test
    void jetwayConfigMayNameAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), """
                providers:
                  weather:
                    mode: lambda
                    url: mcp-weather:live
                """);

        GatewayConfig config = LambdaSettings.fromEnvironment(Map.of("JETWAY_CONFIG", file.toString())).loadConfig();

        assertThat(config.providers()).containsOnlyKeys("weather");
    }

    @Test
    void aMissingBundledFileIsAnErrorThatSaysWhatToDo() {
        LambdaSettings settings = LambdaSettings.fromEnvironment(Map.of("JETWAY_CONFIG", "classpath:absent.yaml"));

        assertThatThrownBy(settings::loadConfig).isInstanceOf(ConfigException.class)
                .hasMessageContaining("classpath:absent.yaml").hasMessageContaining("set JETWAY_CONFIG to a file path");
    }

    @Test
    void aMalformedSecretReferenceStopsStartUpNamingTheFileProviderAndHeader(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), """
                providers:
                  weather:
                    mode: remote
                    url: https://weather.example.com/mcp
                    headers:
                      Authorization: "Bearer ${secretsmanager:prod/weather#token"
                """);

        assertThatThrownBy(() -> LambdaGateway.fromEnvironment(Map.of("JETWAY_CONFIG", file.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("providers.weather.headers.Authorization: malformed secret reference");
    }
}
