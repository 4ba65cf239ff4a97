package dev.jetway.aws.ecs;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how container providers run on ECS, read from the function's environment.
 *
 * @param cluster {@code JETWAY_ECS_CLUSTER}: cluster name or ARN
 * @param subnets {@code JETWAY_ECS_SUBNETS}: comma-separated subnet IDs for the tasks' network interfaces
 * @param securityGroups {@code JETWAY_ECS_SECURITY_GROUPS}: comma-separated; empty means the VPC's default group
 * @param assignPublicIp {@code JETWAY_ECS_ASSIGN_PUBLIC_IP}: {@code true} for public subnets without a NAT
 * @param taskDefinitionPrefix {@code JETWAY_ECS_TASK_DEFINITION_PREFIX}: a provider's task definition is
 *     the family {@code <prefix><provider>} (latest ACTIVE revision) unless named in {@code taskDefinitions}
 * @param taskDefinitions {@code JETWAY_ECS_TASK_DEFINITIONS}: {@code provider=family[:revision]|arn,...}
 * @param containerName {@code JETWAY_ECS_CONTAINER_NAME}: the container that serves MCP (gets the provider's env)
 * @param containerPort {@code JETWAY_ECS_CONTAINER_PORT}: its Streamable HTTP port (also passed as {@code PORT})
 * @param mcpPath {@code JETWAY_ECS_MCP_PATH}: its MCP endpoint path
 * @param startTimeout {@code JETWAY_ECS_START_TIMEOUT_S}: how long a start waits for RUNNING and an MCP answer
 *     (in the background once the caller's {@code start_wait_s} is over)
 * @param pollInterval pause between two DescribeTasks while a task starts
 * @param tokenScope what makes client tokens unique to this deployment (the event table's name)
 * @param endpoints {@code JETWAY_ECS_ENDPOINTS}: per-provider exceptions to port and path,
 *     {@code provider=port/path,...} (e.g. {@code fetch=8000/mcp})
 */
public record EcsSettings(String cluster, List<String> subnets, List<String> securityGroups, boolean assignPublicIp,
                          String taskDefinitionPrefix, Map<String, String> taskDefinitions, String containerName,
                          int containerPort, String mcpPath, Duration startTimeout, Duration pollInterval,
                          String tokenScope, Map<String, String> endpoints) {

    public static final String CLUSTER = "JETWAY_ECS_CLUSTER";
    public static final String SUBNETS = "JETWAY_ECS_SUBNETS";
    public static final String SECURITY_GROUPS = "JETWAY_ECS_SECURITY_GROUPS";
    public static final String ASSIGN_PUBLIC_IP = "JETWAY_ECS_ASSIGN_PUBLIC_IP";
    public static final String TASK_DEFINITION_PREFIX = "JETWAY_ECS_TASK_DEFINITION_PREFIX";
    public static final String TASK_DEFINITIONS = "JETWAY_ECS_TASK_DEFINITIONS";
    public static final String CONTAINER_NAME = "JETWAY_ECS_CONTAINER_NAME";
    public static final String CONTAINER_PORT = "JETWAY_ECS_CONTAINER_PORT";
    public static final String MCP_PATH = "JETWAY_ECS_MCP_PATH";
    public static final String START_TIMEOUT = "JETWAY_ECS_START_TIMEOUT_S";
    public static final String ENDPOINTS = "JETWAY_ECS_ENDPOINTS";

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    public EcsSettings {
        require(cluster != null && !cluster.isBlank(), CLUSTER + " is not set: name the ECS cluster container providers run in");
        subnets = List.copyOf(subnets);
        require(!subnets.isEmpty(), SUBNETS + " is not set: list the subnet IDs (comma-separated) the tasks run in");
        securityGroups = List.copyOf(securityGroups);
        taskDefinitions = Map.copyOf(taskDefinitions);
        Objects.requireNonNull(taskDefinitionPrefix, "taskDefinitionPrefix");
        require(containerName != null && !containerName.isBlank(), CONTAINER_NAME + " must not be blank");
        require(containerPort > 0 && containerPort < 65536, CONTAINER_PORT + " must be a port number (1-65535), was " + containerPort);
        require(mcpPath != null && mcpPath.startsWith("/"), MCP_PATH + " must start with '/', was '" + mcpPath + "'");
        require(startTimeout != null && startTimeout.isPositive(), START_TIMEOUT + " must be a positive number of seconds");
        require(pollInterval != null && pollInterval.isPositive(), "the poll interval must be positive");
        tokenScope = tokenScope == null ? "" : tokenScope;
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
        endpoints.forEach((provider, endpoint) -> require(endpoint.matches("[0-9]{1,5}/.*"),
                ENDPOINTS + " entry '" + provider + "=" + endpoint + "' is not provider=port/path"));
    }

    /** Without per-provider endpoints: every task serves on {@code containerPort} and {@code mcpPath}. */
    public EcsSettings(String cluster, List<String> subnets, List<String> securityGroups, boolean assignPublicIp,
                       String taskDefinitionPrefix, Map<String, String> taskDefinitions, String containerName,
                       int containerPort, String mcpPath, Duration startTimeout, Duration pollInterval,
                       String tokenScope) {
        this(cluster, subnets, securityGroups, assignPublicIp, taskDefinitionPrefix, taskDefinitions, containerName,
                containerPort, mcpPath, startTimeout, pollInterval, tokenScope, Map.of());
    }

    /** The port the provider's task serves MCP on. */
    public int portFor(String provider) {
        String endpoint = endpoints.get(provider);
        return endpoint == null ? containerPort : Integer.parseInt(endpoint.substring(0, endpoint.indexOf('/')));
    }

    /** The path of the provider's MCP endpoint. */
    public String pathFor(String provider) {
        String endpoint = endpoints.get(provider);
        return endpoint == null ? mcpPath : endpoint.substring(endpoint.indexOf('/'));
    }

    /**
     * Reads the {@code JETWAY_ECS_*} variables.
     *
     * @throws IllegalArgumentException naming the variable that is missing or malformed
     */
    public static EcsSettings fromEnvironment(Map<String, String> env, String tokenScope) {
        return new EcsSettings(env.get(CLUSTER), list(env.get(SUBNETS)), list(env.get(SECURITY_GROUPS)),
                Boolean.parseBoolean(env.getOrDefault(ASSIGN_PUBLIC_IP, "false").trim()),
                env.getOrDefault(TASK_DEFINITION_PREFIX, "jetway-"), pairs(TASK_DEFINITIONS, env.get(TASK_DEFINITIONS), "provider=task-definition"),
                env.getOrDefault(CONTAINER_NAME, "mcp"), number(env, CONTAINER_PORT, 8080),
                env.getOrDefault(MCP_PATH, "/mcp"),
                Duration.ofSeconds(number(env, START_TIMEOUT, (int) DEFAULT_START_TIMEOUT.toSeconds())),
                DEFAULT_POLL_INTERVAL, tokenScope, pairs(ENDPOINTS, env.get(ENDPOINTS), "provider=port/path"));
    }

    /** The task definition (family, family:revision or ARN) RunTask starts for the provider. */
    public String taskDefinitionFor(String provider) {
        return taskDefinitions.getOrDefault(provider, taskDefinitionPrefix + provider);
    }

    public EcsSettings withStartTimeout(Duration timeout, Duration poll) {
        return new EcsSettings(cluster, subnets, securityGroups, assignPublicIp, taskDefinitionPrefix, taskDefinitions,
                containerName, containerPort, mcpPath, timeout, poll, tokenScope, endpoints);
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) return List.of();
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, String> pairs(String variable, String value, String shape) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : list(value)) {
            int eq = pair.indexOf('=');
            require(eq > 0 && eq < pair.length() - 1, variable + " entry '" + pair + "' is not " + shape);
            map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return map;
    }

    private static int number(Map<String, String> env, String key, int fallback) {
        String value = env.get(key);
        if (value == null || value.isBlank()) return fallback;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }
}
