package dev.jetway.aws.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EcsSettingsTest {

    @Test
    void theEnvironmentNamesClusterNetworkAndTaskDefinitionsWithDefaultsForTheRest() {
        EcsSettings settings = EcsSettings.fromEnvironment(Map.of(
                "JETWAY_ECS_CLUSTER", "jetway", "JETWAY_ECS_SUBNETS", "subnet-a, subnet-b",
                "JETWAY_ECS_SECURITY_GROUPS", "sg-1", "JETWAY_ECS_TASK_DEFINITIONS", "fetch=fetch-mcp:3"), "events");

        assertThat(settings.subnets()).containsExactly("subnet-a", "subnet-b");
        assertThat(settings.securityGroups()).containsExactly("sg-1");
        assertThat(settings.assignPublicIp()).isFalse();
        assertThat(settings.taskDefinitionFor("fetch")).as("named explicitly").isEqualTo("fetch-mcp:3");
        assertThat(settings.taskDefinitionFor("git")).as("by convention").isEqualTo("jetway-git");
        assertThat(settings.containerName()).isEqualTo("mcp");
        assertThat(settings.containerPort()).isEqualTo(8080);
        assertThat(settings.mcpPath()).isEqualTo("/mcp");
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.tokenScope()).isEqualTo("events");
    }

    @Test
    void aMissingClusterOrSubnetIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> EcsSettings.fromEnvironment(Map.of("JETWAY_ECS_SUBNETS", "subnet-a"), ""))
                .hasMessageContaining("JETWAY_ECS_CLUSTER is not set");
        assertThatThrownBy(() -> EcsSettings.fromEnvironment(Map.of("JETWAY_ECS_CLUSTER", "c"), ""))
                .hasMessageContaining("JETWAY_ECS_SUBNETS is not set");
    }

    @Test
    void malformedValuesAreRefusedWithWhatWasFound() {
        Map<String, String> base = Map.of("JETWAY_ECS_CLUSTER", "c", "JETWAY_ECS_SUBNETS", "s");
        assertThatThrownBy(() -> EcsSettings.fromEnvironment(with(base, "JETWAY_ECS_CONTAINER_PORT", "http"), ""))
                .hasMessage("JETWAY_ECS_CONTAINER_PORT must be a whole number, was 'http'");
        assertThatThrownBy(() -> EcsSettings.fromEnvironment(with(base, "JETWAY_ECS_TASK_DEFINITIONS", "fetch"), ""))
                .hasMessageContaining("entry 'fetch' is not provider=task-definition");
        assertThatThrownBy(() -> EcsSettings.fromEnvironment(with(base, "JETWAY_ECS_MCP_PATH", "mcp"), ""))
                .hasMessageContaining("JETWAY_ECS_MCP_PATH must start with '/'");
    }

    @Test
    void aRecordedTaskEndpointReadsBackAndOtherEndpointsAreNotTasks() {
        TaskEndpoint endpoint = new TaskEndpoint("http://10.0.1.23:8080/mcp", "arn:aws:ecs:eu-west-1:1:task/c/abc");

        assertThat(TaskEndpoint.parse(endpoint.text())).contains(endpoint);
        assertThat(TaskEndpoint.parse("https://mcp.example.com/mcp")).isEmpty();
        assertThat(TaskEndpoint.parse("stdio")).isEmpty();
        assertThat(TaskEndpoint.parse(null)).isEmpty();
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        java.util.HashMap<String, String> map = new java.util.HashMap<>(base);
        map.put(key, value);
        return map;
    }

}
