package dev.jetway.aws.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deployment passes per-provider ports and paths; the launcher must reach each task where it serves. */
class EcsEndpointsTest {

    static final Map<String, String> ENV = Map.of(
            EcsSettings.CLUSTER, "jetway",
            EcsSettings.SUBNETS, "subnet-a,subnet-b",
            EcsSettings.ENDPOINTS, "fetch=8000/mcp,search=9090/v1/mcp");

    @Test
    void aProviderNamedInTheEndpointsIsReachedOnItsOwnPortAndPathAndOthersOnTheDefaults() {
        EcsSettings settings = EcsSettings.fromEnvironment(ENV, "table");

        assertThat(settings.portFor("fetch")).isEqualTo(8000);
        assertThat(settings.pathFor("fetch")).isEqualTo("/mcp");
        assertThat(settings.portFor("search")).isEqualTo(9090);
        assertThat(settings.pathFor("search")).isEqualTo("/v1/mcp");
        assertThat(settings.portFor("other")).as("JETWAY_ECS_CONTAINER_PORT's default").isEqualTo(8080);
        assertThat(settings.pathFor("other")).isEqualTo("/mcp");
    }

    @Test
    void aMalformedEndpointEntryIsRefusedNamingTheVariableAndTheEntry() {
        Map<String, String> env = Map.of(EcsSettings.CLUSTER, "jetway", EcsSettings.SUBNETS, "subnet-a",
                EcsSettings.ENDPOINTS, "fetch=mcp");

        assertThatThrownBy(() -> EcsSettings.fromEnvironment(env, "table"))
                .hasMessageContaining("JETWAY_ECS_ENDPOINTS").hasMessageContaining("fetch=mcp");
    }

    @Test
    void theRunTaskRequestPassesTheProvidersOwnPortAsPort() {
        EcsSettings settings = EcsSettings.fromEnvironment(ENV, "table");
        EcsTaskLauncher launcher = new EcsTaskLauncher(null, settings, null, java.time.Clock.systemUTC(), null);
        var spec = dev.jetway.core.config.ConfigLoader.parse("""
                providers:
                  fetch: {mode: container, image: mcp/fetch:latest}
                """, "t.yaml").providers().get("fetch");

        var request = launcher.runTaskRequest("fetch", spec, "jetway-fetch", "token");

        assertThat(request.overrides().containerOverrides().get(0).environment())
                .anySatisfy(pair -> assertThat(pair.name() + "=" + pair.value()).isEqualTo("PORT=8000"));
    }
}
