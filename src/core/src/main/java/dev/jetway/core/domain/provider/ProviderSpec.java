package dev.jetway.core.domain.provider;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a provider is, as configured: the MCP Hangar `config.yaml` entry for one provider, in the
 * shape it is stored in events. Optional fields are null when absent; collections are never null.
 *
 * @param tools predefined tool definitions (the `tools` list of `tools/list`), or null to learn
 *     them from the provider
 * @param group members and strategy when {@code mode} is {@link ProviderMode#GROUP}, else null
 */
public record ProviderSpec(
        @JsonProperty("mode") ProviderMode mode,
        @JsonProperty("command") List<String> command,
        @JsonProperty("url") String url,
        @JsonProperty("image") String image,
        @JsonProperty("env") Map<String, String> env,
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("idle_ttl_s") long idleTtlSeconds,
        @JsonProperty("health_check_interval_s") long healthCheckIntervalSeconds,
        @JsonProperty("max_consecutive_failures") int maxConsecutiveFailures,
        @JsonProperty("tools") JsonNode tools,
        @JsonProperty("group") GroupSpec group) {

    public static final long DEFAULT_IDLE_TTL_SECONDS = 300;
    public static final long DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS = 60;
    public static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;

    public ProviderSpec {
        Objects.requireNonNull(mode, "mode");
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (idleTtlSeconds <= 0) idleTtlSeconds = DEFAULT_IDLE_TTL_SECONDS;
        if (healthCheckIntervalSeconds <= 0) healthCheckIntervalSeconds = DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS;
        if (maxConsecutiveFailures <= 0) maxConsecutiveFailures = DEFAULT_MAX_CONSECUTIVE_FAILURES;
        switch (mode) {
            case SUBPROCESS -> require(!command.isEmpty(), "mode subprocess needs a non-empty 'command'");
            case REMOTE -> require(url != null && !url.isBlank(), "mode remote needs a 'url'");
            case CONTAINER -> require(image != null && !image.isBlank(), "mode container needs an 'image'");
            case LAMBDA -> require(url != null && !url.isBlank(),
                    "mode lambda needs a 'url' naming the function (its name or ARN)");
            case GROUP -> require(group != null && !group.members().isEmpty(),
                    "mode group needs at least one member");
        }
    }

    /** A subprocess provider started with the given command line and default settings. */
    public static ProviderSpec subprocess(String... command) {
        return new ProviderSpec(ProviderMode.SUBPROCESS, List.of(command), null, null, null, null, 0, 0, 0, null, null);
    }

    /** A remote Streamable HTTP provider with default settings. */
    public static ProviderSpec remote(String url) {
        return new ProviderSpec(ProviderMode.REMOTE, null, url, null, null, null, 0, 0, 0, null, null);
    }

    private static void require(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }
}
