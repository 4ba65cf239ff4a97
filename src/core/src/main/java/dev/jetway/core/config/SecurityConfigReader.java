package dev.jetway.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.security.AccessPolicy;
import dev.jetway.core.security.IamSettings;
import dev.jetway.core.security.ApiKeyEntry;
import dev.jetway.core.security.PinMode;
import dev.jetway.core.security.JsonLimits;
import dev.jetway.core.security.OAuthSettings;
import dev.jetway.core.security.RateLimit;
import dev.jetway.core.security.SecuritySettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code security:} section, as strictly as {@link ConfigLoader} reads the rest: unknown
 * keys are errors and every error names the key path. The section is documented in SECURITY.md.
 */
final class SecurityConfigReader {

    private static final Set<String> KEYS = Set.of("oauth", "api_keys", "allow_unauthenticated_non_loopback",
            "rate_limits", "json", "providers", "policy", "iam");
    private static final Set<String> IAM_KEYS = Set.of("principals");
    private static final Set<String> IAM_PRINCIPAL_KEYS = Set.of("arn", "roles");
    private static final Set<String> OAUTH_KEYS = Set.of("resource", "issuer", "jwks_uri", "authorization_servers",
            "algorithms", "required_scopes", "clock_skew_s", "roles_claim", "jwks_cache_s", "jwks_min_refetch_s");
    private static final Set<String> API_KEY_KEYS = Set.of("name", "sha256", "roles", "revoked");
    private static final Set<String> RATE_LIMITS_KEYS = Set.of("per_caller", "per_provider");
    private static final Set<String> RATE_KEYS = Set.of("requests_per_minute", "burst");
    private static final Set<String> JSON_KEYS = Set.of("max_depth", "max_batch");
    private static final Set<String> PROVIDER_KEYS = Set.of("allow_private_network", "pin");
    private static final Set<String> POLICY_KEYS = Set.of("admin_role", "roles", "scopes");
    private static final Set<String> GRANT_KEYS = Set.of("allow");

    private final String source;

    private SecurityConfigReader(String source) {
        this.source = source;
    }

    /** The settings of a {@code security:} node (null or absent means the defaults). */
    static SecuritySettings read(JsonNode node, String source, Set<String> providerNames) {
        if (node == null || node.isNull()) return SecuritySettings.defaults();
        return new SecurityConfigReader(source).section(node, providerNames);
    }

    private SecuritySettings section(JsonNode node, Set<String> providerNames) {
        ObjectNode security = object(node, "security");
        known(security, "security", KEYS);
        OAuthSettings oauth = security.has("oauth") ? oauth(object(security.get("oauth"), "security.oauth")) : null;
        List<ApiKeyEntry> keys = apiKeys(security.get("api_keys"));
        RateLimit perCaller = null;
        RateLimit perProvider = null;
        if (security.has("rate_limits")) {
            ObjectNode limits = object(security.get("rate_limits"), "security.rate_limits");
            known(limits, "security.rate_limits", RATE_LIMITS_KEYS);
            perCaller = rate(limits.get("per_caller"), "security.rate_limits.per_caller");
            perProvider = rate(limits.get("per_provider"), "security.rate_limits.per_provider");
        }
        JsonLimits json = JsonLimits.DEFAULTS;
        if (security.has("json")) {
            ObjectNode limits = object(security.get("json"), "security.json");
            known(limits, "security.json", JSON_KEYS);
            try {
                json = new JsonLimits((int) number(limits, "security.json.max_depth", JsonLimits.DEFAULTS.maxDepth()),
                        (int) number(limits, "security.json.max_batch", JsonLimits.DEFAULTS.maxBatch()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, "security.json", e.getMessage(), e);
            }
        }
        Set<String> privateNetwork = privateNetworkProviders(security.get("providers"), providerNames);
        Map<String, PinMode> pins = pins(security.get("providers"));
        AccessPolicy policy = security.has("policy") ? policy(object(security.get("policy"), "security.policy")) : null;
        IamSettings iam = security.has("iam") ? iam(object(security.get("iam"), "security.iam")) : null;
        try {
            return new SecuritySettings(oauth, keys, bool(security, "security.allow_unauthenticated_non_loopback"),
                    perCaller, perProvider, json, privateNetwork, policy, pins, iam);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, "security", e.getMessage(), e);
        }
    }

    private OAuthSettings oauth(ObjectNode node) {
        String path = "security.oauth";
        known(node, path, OAUTH_KEYS);
        try {
            return new OAuthSettings(
                    URI.create(required(node, path, "resource", "this gateway's MCP URL, e.g. https://mcp.example.com/mcp")),
                    required(node, path, "issuer", "the exact 'iss' of the authorization server's tokens"),
                    URI.create(required(node, path, "jwks_uri", "the authorization server's JWKS URL")),
                    strings(node, path + ".authorization_servers"),
                    node.has("algorithms") ? new LinkedHashSet<>(strings(node, path + ".algorithms")) : null,
                    strings(node, path + ".required_scopes"),
                    seconds(node, path + ".clock_skew_s"),
                    node.has("roles_claim") ? text(node.get("roles_claim"), path + ".roles_claim") : null,
                    seconds(node, path + ".jwks_cache_s"),
                    seconds(node, path + ".jwks_min_refetch_s"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, path, e.getMessage(), e);
        }
    }

    private List<ApiKeyEntry> apiKeys(JsonNode node) {
        List<ApiKeyEntry> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (!(node instanceof ArrayNode list)) throw expected("security.api_keys", "a list of keys", node);
        for (int i = 0; i < list.size(); i++) {
            String path = "security.api_keys[" + i + "]";
            ObjectNode key = object(list.get(i), path);
            known(key, path, API_KEY_KEYS);
            try {
                out.add(new ApiKeyEntry(required(key, path, "name", "a name for the key's holder"),
                        required(key, path, "sha256", "the hash printed when the key was created"),
                        new LinkedHashSet<>(strings(key, path + ".roles")), bool(key, path + ".revoked")));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, path, e.getMessage(), e);
            }
        }
        return out;
    }

    private IamSettings iam(ObjectNode node) {
        known(node, "security.iam", IAM_KEYS);
        List<IamSettings.Principal> principals = new ArrayList<>();
        JsonNode list = node.get("principals");
        if (list != null && !list.isNull() && !(list instanceof ArrayNode)) {
            throw expected("security.iam.principals", "a list of {arn, roles}", list);
        }
        for (int i = 0; list != null && i < list.size(); i++) {
            String path = "security.iam.principals[" + i + "]";
            ObjectNode principal = object(list.get(i), path);
            known(principal, path, IAM_PRINCIPAL_KEYS);
            try {
                principals.add(new IamSettings.Principal(required(principal, path, "arn", "an IAM ARN or ARN pattern"),
                        new LinkedHashSet<>(strings(principal, path + ".roles"))));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, path + ".arn", e.getMessage(), e);
            }
        }
        return new IamSettings(principals);
    }

    private RateLimit rate(JsonNode node, String path) {
        if (node == null || node.isNull()) return null;
        ObjectNode rate = object(node, path);
        known(rate, path, RATE_KEYS);
        if (!rate.has("requests_per_minute")) {
            throw new ConfigException(source, path + ".requests_per_minute", "missing; expected a whole number >= 1");
        }
        long perMinute = number(rate, path + ".requests_per_minute", 0);
        try {
            return new RateLimit((int) Math.min(Integer.MAX_VALUE, perMinute),
                    (int) Math.min(Integer.MAX_VALUE, number(rate, path + ".burst", Math.max(1, perMinute / 6))));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, path, e.getMessage(), e);
        }
    }

    private Set<String> privateNetworkProviders(JsonNode node, Set<String> providerNames) {
        Set<String> out = new HashSet<>();
        if (node == null || node.isNull()) return out;
        for (Iterator<Map.Entry<String, JsonNode>> it = object(node, "security.providers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "security.providers." + entry.getKey();
            if (!providerNames.contains(entry.getKey())) {
                throw new ConfigException(source, path, "unknown provider; expected one of " + providerNames);
            }
            ObjectNode provider = object(entry.getValue(), path);
            known(provider, path, PROVIDER_KEYS);
            if (bool(provider, path + ".allow_private_network")) out.add(entry.getKey());
        }
        return out;
    }

    private Map<String, PinMode> pins(JsonNode node) {
        Map<String, PinMode> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) return out;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode pin = entry.getValue().get("pin");
            if (pin == null || pin.isNull()) continue;
            String path = "security.providers." + entry.getKey() + ".pin";
            try {
                out.put(entry.getKey(), PinMode.fromWireName(text(pin, path)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, path, e.getMessage(), e);
            }
        }
        return out;
    }

    private AccessPolicy policy(ObjectNode node) {
        String path = "security.policy";
        known(node, path, POLICY_KEYS);
        String adminRole = node.has("admin_role") ? text(node.get("admin_role"), path + ".admin_role") : null;
        try {
            return new AccessPolicy(adminRole, grants(node.get("roles"), path + ".roles"),
                    grants(node.get("scopes"), path + ".scopes"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, path, e.getMessage(), e);
        }
    }

    /** {@code <role or scope>: {allow: [glob, …]}}. */
    private Map<String, List<String>> grants(JsonNode node, String path) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) return out;
        for (Iterator<Map.Entry<String, JsonNode>> it = object(node, path).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String grantPath = path + "." + entry.getKey();
            ObjectNode grant = object(entry.getValue(), grantPath);
            known(grant, grantPath, GRANT_KEYS);
            out.put(entry.getKey(), strings(grant, grantPath + ".allow"));
        }
        return out;
    }

    // ---- strict value readers ------------------------------------------------------------------

    private void known(ObjectNode node, String path, Set<String> keys) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw new ConfigException(source, path + "." + key, "unknown key; expected one of " + keys.stream().sorted().toList());
            }
        }
    }

    private ObjectNode object(JsonNode node, String path) {
        if (node instanceof ObjectNode object) return object;
        throw expected(path, "a mapping", node);
    }

    private String required(ObjectNode node, String path, String key, String what) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) throw new ConfigException(source, path + "." + key, "missing; expected " + what);
        return text(value, path + "." + key);
    }

    private String text(JsonNode value, String path) {
        if (!value.isTextual() || value.asText().isBlank()) throw expected(path, "a non-empty string", value);
        return value.asText();
    }

    private boolean bool(ObjectNode node, String path) {
        JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
        if (value == null || value.isNull()) return false;
        if (!value.isBoolean()) throw expected(path, "true or false", value);
        return value.booleanValue();
    }

    private long number(ObjectNode node, String path, long fallback) {
        JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
        if (value == null || value.isNull()) return fallback;
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw expected(path, "a whole number >= 0", value);
        }
        return value.longValue();
    }

    private Duration seconds(ObjectNode node, String path) {
        JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
        return value == null || value.isNull() ? null : Duration.ofSeconds(number(node, path, 0));
    }

    private List<String> strings(ObjectNode node, String path) {
        JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) return out;
        if (!(value instanceof ArrayNode list)) throw expected(path, "a list of strings", value);
        for (int i = 0; i < list.size(); i++) out.add(text(list.get(i), path + "[" + i + "]"));
        return out;
    }

    private ConfigException expected(String path, String what, JsonNode actual) {
        String found = actual == null ? "nothing" : actual.isTextual() ? "'" + actual.asText() + "'" : actual.getNodeType().name().toLowerCase();
        return new ConfigException(source, path, "expected " + what + " but found " + found);
    }
}
