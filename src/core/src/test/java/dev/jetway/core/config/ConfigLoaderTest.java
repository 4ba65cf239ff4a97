package dev.jetway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.domain.provider.GroupSpec;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String HANGAR_STYLE = """
            providers:
              everything:
                mode: subprocess
                command: [node, server.js, stdio]
                env: {LOG_LEVEL: debug}
                idle_ttl_s: 180
                tools:
                  - name: echo
                    description: Echoes back
                    inputSchema: {type: object}
              fetch:
                mode: docker
                image: mcp/fetch:latest
              api:
                mode: remote
                url: https://mcp.example.com/mcp
                headers: {X-Team: blue}
              pool:
                mode: group
                strategy: weighted_round_robin
                min_healthy: 1
                members:
                  - id: api
                    weight: 3
                  - name: fetch
            """;

    @Test
    void readsAnMcpHangarStyleProvidersMapIntoProviderSpecsInFileOrder() {
        GatewayConfig config = ConfigLoader.parse(HANGAR_STYLE, "hangar.yaml");

        assertThat(config.providers()).as("order of the file is kept")
                .containsOnlyKeys("everything", "fetch", "api", "pool");
        assertThat(config.providers().keySet()).containsExactly("everything", "fetch", "api", "pool");
        ProviderSpec everything = config.providers().get("everything");
        assertThat(everything.mode()).isEqualTo(ProviderMode.SUBPROCESS);
        assertThat(everything.command()).containsExactly("node", "server.js", "stdio");
        assertThat(everything.env()).containsEntry("LOG_LEVEL", "debug");
        assertThat(everything.idleTtlSeconds()).isEqualTo(180);
        assertThat(everything.tools().get(0).get("name").asText()).isEqualTo("echo");
        assertThat(config.providers().get("fetch").mode()).as("docker reads as container")
                .isEqualTo(ProviderMode.CONTAINER);
        assertThat(config.providers().get("api").headers()).containsEntry("X-Team", "blue");
        GroupSpec pool = config.providers().get("pool").group();
        assertThat(pool.strategy()).isEqualTo(GroupSpec.Strategy.WEIGHTED_ROUND_ROBIN);
        assertThat(pool.members()).extracting(GroupSpec.Member::name).containsExactly("api", "fetch");
        assertThat(pool.members().get(0).weight()).isEqualTo(3);
    }

    @Test
    void gatewaySettingsDefaultToPrefixedNamesAndLoopbackOnly() {
        GatewayConfig config = ConfigLoader.parse(HANGAR_STYLE, "hangar.yaml");

        assertThat(config.settings()).isEqualTo(GatewaySettings.defaults());
        assertThat(config.settings().prefixNames()).isTrue();
        assertThat(config.settings().separator()).isEqualTo("__");
        assertThat(config.settings().allowedHosts()).containsExactly("localhost", "127.0.0.1", "::1");
    }

    @Test
    void gatewaySectionOverridesEverySetting() {
        GatewayConfig config = ConfigLoader.parse("""
                gateway:
                  prefix_names: false
                  separator: "."
                  allowed_origins: [https://app.example.com]
                  allowed_hosts: [gw.example.com]
                  max_body_bytes: 1024
                  request_timeout_s: 5
                  background_discovery: false
                  warm_on_start: true
                providers: {}
                """, "g.yaml");

        assertThat(config.settings()).isEqualTo(new GatewaySettings(false, ".",
                java.util.List.of("https://app.example.com"), java.util.List.of("gw.example.com"),
                1024, Duration.ofSeconds(5), false, true));
    }

    @Test
    void sessionIdleTtlIsReadAndAZeroTtlIsRefusedNamingTheKey() {
        GatewayConfig config = ConfigLoader.parse("gateway: {session_idle_ttl_s: 900}\nproviders: {}\n", "g.yaml");

        assertThat(config.settings().sessionIdleTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(GatewaySettings.defaults().sessionIdleTtl()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> ConfigLoader.parse("gateway: {session_idle_ttl_s: 0}\nproviders: {}\n", "g.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("session_idle_ttl_s must be at least 1");
    }

    @Test
    void aProviderNameContainingTheSeparatorIsRefusedBecauseItsToolNamesWouldBeAmbiguous() {
        String providers = "providers:\n  a: {mode: remote, url: 'https://a.example/mcp'}\n"
                + "  a__b: {mode: remote, url: 'https://b.example/mcp'}\n";

        assertThatThrownBy(() -> ConfigLoader.parse(providers, "g.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("providers.a__b")
                .hasMessageContaining("contains the separator '__'");
        assertThat(ConfigLoader.parse("gateway: {separator: '.'}\n" + providers, "g.yaml").providers()).containsKey("a__b");
        assertThat(ConfigLoader.parse("gateway: {prefix_names: false}\n" + providers, "g.yaml").providers()).containsKey("a__b");
    }

    @Test
    void pageSizeIsReadAndOutOfRangeSizesAreRefusedNamingTheKey() {
        GatewayConfig config = ConfigLoader.parse("gateway: {page_size: 25}\nproviders: {}\n", "g.yaml");

        assertThat(config.settings().pageSize()).isEqualTo(25);
        assertThat(GatewaySettings.defaults().pageSize()).isEqualTo(100);
        for (String bad : new String[] {"0", "10001"}) {
            assertThatThrownBy(() -> ConfigLoader.parse("gateway: {page_size: " + bad + "}\nproviders: {}\n", "g.yaml"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("g.yaml: gateway: page_size must be between 1 and 10000");
        }
    }

    @Test
    void anUnknownProviderKeyIsAnErrorNamingFileKeyPathAndTheKnownKeys() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                providers:
                  math:
                    mode: subprocess
                    command: [python, -m, math]
                    idle_ttl: 30
                """, "conf/jetway.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("conf/jetway.yaml: providers.math.idle_ttl: unknown key; expected one of")
                .hasMessageContaining("idle_ttl_s")
                .extracting(e -> ((ConfigException) e).keyPath()).isEqualTo("providers.math.idle_ttl");
    }

    @Test
    void anUnknownTopLevelKeyIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.parse("provders: {}\n", "x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("x.yaml: provders: unknown key");
    }

    @Test
    void aWrongTypeSaysWhatWasExpectedAndWhatWasFound() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                providers:
                  math:
                    mode: subprocess
                    command: python -m math
                """, "x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("x.yaml: providers.math.command: expected a list of strings but found the string 'python -m math'");
    }

    @Test
    void aMissingModeIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("providers:\n  a:\n    url: http://x\n", "x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("x.yaml: providers.a.mode: missing; expected one of remote");
    }

    @Test
    void anUnknownModeListsTheModes() {
        assertThatThrownBy(() -> ConfigLoader.parse("providers:\n  a:\n    mode: ftp\n", "x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("x.yaml: providers.a.mode: unknown provider mode 'ftp'");
    }

    @Test
    void aModeWithoutWhatItNeedsIsAnErrorAtTheProvider() {
        assertThatThrownBy(() -> ConfigLoader.parse("providers:\n  a:\n    mode: remote\n", "x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("x.yaml: providers.a: mode remote needs a 'url'");
    }

    @Test
    void aNegativeNumberIsRejected() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                providers:
                  a: {mode: remote, url: "http://x", idle_ttl_s: -5}
                """, "x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("x.yaml: providers.a.idle_ttl_s: expected a whole number >= 0 but found the number -5");
    }

    @Test
    void aPredefinedToolWithoutANameIsRejected() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                providers:
                  a: {mode: remote, url: "http://x", tools: [{description: nameless}]}
                """, "x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("x.yaml: providers.a.tools[0].name: missing");
    }

    @Test
    void unprefixedPredefinedToolsThatCollideAreRefused() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                gateway: {prefix_names: false}
                providers:
                  a: {mode: remote, url: "http://a", tools: [{name: search}]}
                  b: {mode: remote, url: "http://b", tools: [{name: search}]}
                """, "x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("providers.b.tools: tool 'search' is also defined by provider 'a'");
    }

    @Test
    void aProviderNameThatCannotPrefixToolsIsRejected() {
        assertThatThrownBy(() -> ConfigLoader.parse("providers:\n  \"my+server\": {mode: remote, url: http://x}\n", "x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("x.yaml: providers.my+server: provider names must match");
    }

    @Test
    void brokenYamlNamesTheFileAndLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("providers:\n  a: [unclosed\n", "x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("x.yaml: (top level): not valid YAML")
                .hasMessageContaining("line");
    }

    @Test
    void anEmptyFileSaysWhatIsExpected() {
        assertThatThrownBy(() -> ConfigLoader.parse("", "x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected a mapping with a 'providers:' key");
    }

    @Test
    void aMissingFileIsAConfigErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": (top level): file not found");
    }

    @Test
    void loadsFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jetway.yaml");
        Files.writeString(file, HANGAR_STYLE);

        assertThat(ConfigLoader.load(file).providers()).hasSize(4);
    }
}
