package dev.jetway.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.jetway.core.domain.provider.GroupSpec;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.security.SecuritySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Jetway / MCP Hangar {@code config.yaml}. Strict on purpose: an unknown key is an error
 * (a misspelt {@code idle_ttl_s} would otherwise silently fall back to the default), and every
 * error names the file, the key path and what is expected.
 */
public final class ConfigLoader {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("providers", "gateway", "telemetry", "aws");
    private static final Set<String> TELEMETRY_KEYS = Set.of("enabled", "stderr", "jsonl", "prometheus", "emf",
            "eventbridge", "queue_capacity", "batch_size", "flush_interval_ms", "metrics_public");
    private static final Set<String> EVENTBRIDGE_KEYS = Set.of("bus", "sample_rate");
    private static final Set<String> GATEWAY_KEYS = Set.of("prefix_names", "separator", "allowed_origins",
            "allowed_hosts", "max_body_bytes", "request_timeout_s", "background_discovery", "warm_on_start",
            "start_wait_s", "circuit_failure_threshold", "circuit_reset_s", "management_tools",
            "session_idle_ttl_s", "page_size", "start_takeover_s", "max_sessions", "max_sessions_per_caller",
            "max_client_info_bytes", "max_client_capabilities_bytes", "readiness_max_heap_percent");
    private static final Set<String> PROVIDER_KEYS = Set.of("mode", "command", "url", "image", "env", "headers",
            "idle_ttl_s", "health_check_interval_s", "max_consecutive_failures", "tools",
            "strategy", "members", "min_healthy");
    private static final Set<String> GROUP_KEYS = Set.of("strategy", "members", "min_healthy");
    private static final Set<String> MEMBER_KEYS = Set.of("name", "id", "weight", "priority");

    private final String source;

    private ConfigLoader(String source) {
        this.source = source;
    }

    /** Loads the file; a missing or unreadable file is a {@link ConfigException} too. */
    public static GatewayConfig load(Path file) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "", "file not found", e);
        } catch (IOException e) {
            throw new ConfigException(source, "", "cannot read the file: " + e.getMessage(), e);
        }
        return parse(text, source);
    }

    /** Parses YAML text; {@code source} is only used in error messages. */
    public static GatewayConfig parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, "", "not valid YAML: " + e.getOriginalMessage()
                    + lineOf(e), e);
        }
        // The security: section has its own strict reader (SecurityConfigReader), kept apart so
        // that the security keys live in one place; it may name providers, so it is read last.
        JsonNode security = root instanceof ObjectNode document ? document.remove("security") : null;
        GatewayConfig config = new ConfigLoader(source).read(root == null ? MissingNode.getInstance() : root);
        SecuritySettings settings = SecurityConfigReader.read(security, source, config.providers().keySet());
        refusePinnedGroups(config, settings, source);
        if (settings.iam() != null && config.aws().jwt() != null) {
            throw new ConfigException(source, "security.iam", "cannot be combined with aws.jwt: the /mcp route has one "
                    + "authorizer, either API Gateway's JWT authorizer or its IAM authorizer (SigV4); remove one of them");
        }
        return config.withSecurity(settings);
    }

    /** A group has no tool definitions of its own to pin: its tools are held while a member holds them. */
    private static void refusePinnedGroups(GatewayConfig config, SecuritySettings settings, String source) {
        config.providers().forEach((name, spec) -> {
            if (spec.group() != null && settings.pins().containsKey(name)) {
                throw new ConfigException(source, "security.providers." + name + ".pin", "'" + name + "' is a group,"
                        + " which is not pinned itself (its tools are held while a member holds them); set pin on its"
                        + " members " + spec.group().memberNames() + " instead");
            }
        });
    }

    /**
     * Reads one provider's settings, as under {@code providers.<name>} of a file (for providers
     * registered at run time). Group members are not checked here: they name providers of the
     * running registry, which the caller knows.
     */
    public static ProviderSpec parseProvider(String name, JsonNode settings, String source) {
        ConfigLoader loader = new ConfigLoader(source);
        String path = "providers." + name;
        if (name == null || !GatewayConfig.PROVIDER_NAME.matcher(name).matches()) {
            throw new ConfigException(source, path, "provider names must match " + GatewayConfig.PROVIDER_NAME.pattern()
                    + " (they prefix every tool name)");
        }
        if (settings == null || settings.isNull()) {
            throw new ConfigException(source, path, "missing; expected the provider's settings, e.g. {mode: remote, url: ...}");
        }
        return loader.provider(loader.object(settings, path), path);
    }

    private static String lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private GatewayConfig read(JsonNode root) {
        if (root.isMissingNode() || root.isNull()) {
            throw new ConfigException(source, "", "the file is empty; expected a mapping with a 'providers:' key");
        }
        ObjectNode document = object(root, "");
        rejectUnknown(document, "", TOP_LEVEL_KEYS);
        GatewaySettings settings = document.has("gateway")
                ? settings(object(document.get("gateway"), "gateway"))
                : GatewaySettings.defaults();
        JsonNode providersNode = document.get("providers");
        if (providersNode == null || providersNode.isNull()) {
            throw new ConfigException(source, "providers", "missing; expected a mapping of provider name to settings");
        }
        Map<String, ProviderSpec> providers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(providersNode, "providers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "providers." + entry.getKey();
            if (!GatewayConfig.PROVIDER_NAME.matcher(entry.getKey()).matches()) {
                throw new ConfigException(source, path, "provider names must match "
                        + GatewayConfig.PROVIDER_NAME.pattern() + " (they prefix every tool name)");
            }
            try {
                settings.requireUnambiguous(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, path, e.getMessage(), e);
            }
            providers.put(entry.getKey(), provider(object(entry.getValue(), path), path));
        }
        checkGroupMembers(providers);
        if (!settings.prefixNames()) rejectPredefinedToolCollisions(providers);
        TelemetrySettings telemetry = document.has("telemetry")
                ? telemetry(object(document.get("telemetry"), "telemetry"))
                : TelemetrySettings.defaults();
        AwsSettings aws = document.has("aws")
                ? new AwsSectionReader(this, source).read(object(document.get("aws"), "aws"), providers)
                : AwsSettings.defaults();
        return new GatewayConfig(settings, providers, telemetry, null, aws);
    }

    private GatewaySettings settings(ObjectNode node) {
        rejectUnknown(node, "gateway", GATEWAY_KEYS);
        GatewaySettings d = GatewaySettings.defaults();
        try {
            return new GatewaySettings(
                    bool(node, "gateway", "prefix_names", d.prefixNames()),
                    text(node, "gateway", "separator", d.separator()),
                    strings(node, "gateway", "allowed_origins", d.allowedOrigins()),
                    strings(node, "gateway", "allowed_hosts", d.allowedHosts()),
                    number(node, "gateway", "max_body_bytes", d.maxBodyBytes()),
                    Duration.ofSeconds(number(node, "gateway", "request_timeout_s", d.requestTimeout().toSeconds())),
                    bool(node, "gateway", "background_discovery", d.backgroundDiscovery()),
                    bool(node, "gateway", "warm_on_start", d.warmOnStart()),
                    Duration.ofSeconds(number(node, "gateway", "session_idle_ttl_s", d.sessionIdleTtl().toSeconds())),
                    (int) Math.min(Integer.MAX_VALUE, number(node, "gateway", "page_size", d.pageSize())),
                    lifecycle(node, d.lifecycle()),
                    sessionLimits(node, d.sessionLimits()),
                    (int) Math.min(Integer.MAX_VALUE, number(node, "gateway", "readiness_max_heap_percent",
                            d.readinessMaxHeapPercent())));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, "gateway", e.getMessage(), e);
        }
    }

    private TelemetrySettings telemetry(ObjectNode node) {
        rejectUnknown(node, "telemetry", TELEMETRY_KEYS);
        TelemetrySettings d = TelemetrySettings.defaults();
        String jsonl = d.jsonlPath();
        JsonNode jsonlNode = node.get("jsonl");
        if (jsonlNode != null && !jsonlNode.isNull()) {
            if (jsonlNode.isBoolean()) jsonl = jsonlNode.booleanValue() ? d.jsonlPath() : null;
            else if (jsonlNode.isTextual() && !jsonlNode.asText().isBlank()) jsonl = jsonlNode.asText();
            else throw expected("telemetry.jsonl", "a file path, true (" + d.jsonlPath() + ") or false", jsonlNode);
        }
        String bus = null;
        double sampleRate = d.eventBridgeSampleRate();
        JsonNode eventBridge = node.get("eventbridge");
        if (eventBridge != null && !eventBridge.isNull()) {
            ObjectNode eb = object(eventBridge, "telemetry.eventbridge");
            rejectUnknown(eb, "telemetry.eventbridge", EVENTBRIDGE_KEYS);
            bus = text(eb, "telemetry.eventbridge", "bus", null);
            if (bus == null || bus.isBlank()) {
                throw new ConfigException(source, "telemetry.eventbridge.bus", "missing; name the event bus that receives telemetry");
            }
            JsonNode rate = eb.get("sample_rate");
            if (rate != null && !rate.isNull()) {
                if (!rate.isNumber() || rate.doubleValue() < 0 || rate.doubleValue() > 1) {
                    throw expected("telemetry.eventbridge.sample_rate", "a number from 0 to 1", rate);
                }
                sampleRate = rate.doubleValue();
            }
        }
        try {
            return new TelemetrySettings(
                    bool(node, "telemetry", "enabled", d.enabled()),
                    bool(node, "telemetry", "stderr", d.stderr()),
                    jsonl,
                    bool(node, "telemetry", "prometheus", d.prometheus()),
                    bool(node, "telemetry", "emf", d.emf()),
                    bus,
                    sampleRate,
                    (int) Math.min(Integer.MAX_VALUE, number(node, "telemetry", "queue_capacity", d.queueCapacity())),
                    (int) Math.min(Integer.MAX_VALUE, number(node, "telemetry", "batch_size", d.batchSize())),
                    Duration.ofMillis(number(node, "telemetry", "flush_interval_ms", d.flushInterval().toMillis())),
                    bool(node, "telemetry", "metrics_public", d.metricsPublic()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, "telemetry", e.getMessage(), e);
        }
    }

    private LifecycleSettings lifecycle(ObjectNode node, LifecycleSettings d) {
        return new LifecycleSettings(
                Duration.ofSeconds(number(node, "gateway", "start_wait_s", d.startWait().toSeconds())),
                (int) number(node, "gateway", "circuit_failure_threshold", d.circuitFailureThreshold()),
                Duration.ofSeconds(number(node, "gateway", "circuit_reset_s", d.circuitResetTimeout().toSeconds())),
                bool(node, "gateway", "management_tools", d.managementTools()),
                Duration.ofSeconds(number(node, "gateway", "start_takeover_s", d.startTakeover().toSeconds())));
    }

    private SessionLimits sessionLimits(ObjectNode node, SessionLimits d) {
        return new SessionLimits(
                (int) Math.min(Integer.MAX_VALUE, number(node, "gateway", "max_sessions", d.maxSessions())),
                (int) Math.min(Integer.MAX_VALUE, number(node, "gateway", "max_sessions_per_caller", d.maxSessionsPerCaller())),
                (int) Math.min(Integer.MAX_VALUE, number(node, "gateway", "max_client_info_bytes", d.maxClientInfoBytes())),
                (int) Math.min(Integer.MAX_VALUE, number(node, "gateway", "max_client_capabilities_bytes",
                        d.maxClientCapabilitiesBytes())));
    }

    private ProviderSpec provider(ObjectNode node, String path) {
        rejectUnknown(node, path, PROVIDER_KEYS);
        JsonNode modeNode = node.get("mode");
        if (modeNode == null || !modeNode.isTextual()) {
            throw new ConfigException(source, path + ".mode",
                    "missing; expected one of remote, container (or docker), lambda, subprocess, group");
        }
        ProviderMode mode;
        try {
            mode = ProviderMode.fromWireName(modeNode.asText());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, path + ".mode", e.getMessage(), e);
        }
        rejectGroupKeysOutsideGroups(node, path, mode);
        JsonNode tools = node.get("tools");
        if (tools != null) checkTools(tools, path + ".tools");
        try {
            return new ProviderSpec(mode,
                    strings(node, path, "command", null),
                    text(node, path, "url", null),
                    text(node, path, "image", null),
                    stringMap(node, path, "env"),
                    stringMap(node, path, "headers"),
                    number(node, path, "idle_ttl_s", 0),
                    number(node, path, "health_check_interval_s", 0),
                    (int) number(node, path, "max_consecutive_failures", 0),
                    tools,
                    mode == ProviderMode.GROUP ? group(node, path) : null);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, path, e.getMessage(), e);
        }
    }

    private GroupSpec group(ObjectNode node, String path) {
        GroupSpec.Strategy strategy = null;
        String strategyText = text(node, path, "strategy", null);
        if (strategyText != null) {
            try {
                strategy = GroupSpec.Strategy.fromWireName(strategyText);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, path + ".strategy", "expected one of round_robin, "
                        + "weighted_round_robin, priority, random, least_connections but was '" + strategyText + "'", e);
            }
        }
        JsonNode membersNode = node.get("members");
        if (membersNode == null || membersNode.isNull()) {
            throw new ConfigException(source, path + ".members",
                    "missing; a group needs a list of members, e.g. '- name: other-provider'");
        }
        if (!membersNode.isArray()) throw expected(path + ".members", "a list of members", membersNode);
        if (membersNode.isEmpty()) {
            throw new ConfigException(source, path + ".members", "empty; a group needs at least one member");
        }
        List<GroupSpec.Member> members = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < membersNode.size(); i++) {
            String memberPath = path + ".members[" + i + "]";
            ObjectNode member = object(membersNode.get(i), memberPath);
            rejectUnknown(member, memberPath, MEMBER_KEYS);
            String name = text(member, memberPath, "name", text(member, memberPath, "id", null));
            if (name == null) throw new ConfigException(source, memberPath + ".name", "missing; expected a provider name");
            if (!seen.add(name)) {
                throw new ConfigException(source, memberPath + ".name", "member '" + name
                        + "' is listed twice; list each member once and give it a weight instead");
            }
            long weight = number(member, memberPath, "weight", GroupSpec.Member.DEFAULT_WEIGHT);
            if (weight < 1) throw expected(memberPath + ".weight", "a whole number >= 1", member.get("weight"));
            members.add(new GroupSpec.Member(name, (int) weight, (int) number(member, memberPath, "priority", 0)));
        }
        long minHealthy = number(node, path, "min_healthy", GroupSpec.DEFAULT_MIN_HEALTHY);
        if (minHealthy < 1 || minHealthy > members.size()) {
            throw expected(path + ".min_healthy", "a whole number from 1 to the number of members ("
                    + members.size() + ")", node.get("min_healthy"));
        }
        return new GroupSpec(strategy, members, (int) minHealthy);
    }

    private void rejectGroupKeysOutsideGroups(ObjectNode node, String path, ProviderMode mode) {
        if (mode == ProviderMode.GROUP) return;
        for (String key : GROUP_KEYS) {
            if (node.has(key)) {
                throw new ConfigException(source, path + "." + key, "only a provider with 'mode: group' has '"
                        + key + "'; this provider's mode is " + mode.wireName());
            }
        }
    }

    /** Members name other providers of the same file; a group of groups is refused. */
    private void checkGroupMembers(Map<String, ProviderSpec> providers) {
        for (Map.Entry<String, ProviderSpec> p : providers.entrySet()) {
            GroupSpec group = p.getValue().group();
            if (group == null) continue;
            for (int i = 0; i < group.members().size(); i++) {
                String member = group.members().get(i).name();
                String memberPath = "providers." + p.getKey() + ".members[" + i + "].name";
                ProviderSpec target = providers.get(member);
                if (member.equals(p.getKey())) {
                    throw new ConfigException(source, memberPath, "group '" + p.getKey() + "' cannot contain itself");
                }
                if (target == null) {
                    throw new ConfigException(source, memberPath, "unknown provider '" + member
                            + "'; expected one of the providers in this file: " + providers.keySet().stream()
                                    .filter(name -> providers.get(name).group() == null).toList());
                }
                if (target.group() != null) {
                    throw new ConfigException(source, memberPath, "member '" + member
                            + "' is itself a group; groups contain providers, not other groups");
                }
            }
        }
    }

    private void checkTools(JsonNode tools, String path) {
        if (!tools.isArray()) throw expected(path, "a list of tool definitions", tools);
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String toolPath = path + "[" + i + "]";
            object(tool, toolPath);
            JsonNode name = tool.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw new ConfigException(source, toolPath + ".name", "missing; every predefined tool needs a name");
            }
        }
    }

    private void rejectPredefinedToolCollisions(Map<String, ProviderSpec> providers) {
        Map<String, String> owner = new LinkedHashMap<>();
        for (Map.Entry<String, ProviderSpec> p : providers.entrySet()) {
            if (p.getValue().tools() == null) continue;
            Set<String> seen = new HashSet<>();
            for (JsonNode tool : p.getValue().tools()) {
                String name = tool.get("name").asText();
                String previous = owner.putIfAbsent(name, p.getKey());
                if (previous != null && seen.add(name)) {
                    throw new ConfigException(source, "providers." + p.getKey() + ".tools",
                            "tool '" + name + "' is also defined by provider '" + previous
                                    + "'; with gateway.prefix_names off, tool names must be unique");
                }
            }
        }
    }

    void rejectUnknown(ObjectNode node, String path, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new ConfigException(source, join(path, key),
                        "unknown key; expected one of " + known.stream().sorted().toList());
            }
        }
    }

    ObjectNode object(JsonNode node, String path) {
        if (node instanceof ObjectNode object) return object;
        throw expected(path, "a mapping", node);
    }

    boolean bool(ObjectNode node, String path, String key, boolean fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) return fallback;
        if (!value.isBoolean()) throw expected(join(path, key), "true or false", value);
        return value.booleanValue();
    }

    String text(ObjectNode node, String path, String key, String fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) return fallback;
        if (!value.isTextual()) throw expected(join(path, key), "a string", value);
        return value.asText();
    }

    long number(ObjectNode node, String path, String key, long fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) return fallback;
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
            throw expected(join(path, key), "a whole number >= 0", value);
        }
        return value.longValue();
    }

    List<String> strings(ObjectNode node, String path, String key, List<String> fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) return fallback;
        if (!(value instanceof ArrayNode array)) throw expected(join(path, key), "a list of strings", value);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isTextual() && !item.isNumber()) {
                throw expected(join(path, key) + "[" + i + "]", "a string", item);
            }
            out.add(item.asText());
        }
        return out;
    }

    Map<String, String> stringMap(ObjectNode node, String path, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) return null;
        ObjectNode map = object(value, join(path, key));
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw expected(join(path, key) + "." + e.getKey(), "a string", e.getValue());
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private ConfigException expected(String path, String what, JsonNode actual) {
        return new ConfigException(source, path, "expected " + what + " but found " + describe(actual));
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) return "nothing";
        return switch (node.getNodeType()) {
            case OBJECT -> "a mapping";
            case ARRAY -> "a list";
            case STRING -> "the string '" + node.asText() + "'";
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> node.asText();
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
