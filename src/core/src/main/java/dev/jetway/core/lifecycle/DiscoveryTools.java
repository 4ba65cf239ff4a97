package dev.jetway.core.lifecycle;

import static dev.jetway.core.lifecycle.ToolResults.definition;
import static dev.jetway.core.lifecycle.ToolResults.error;
import static dev.jetway.core.lifecycle.ToolResults.property;
import static dev.jetway.core.lifecycle.ToolResults.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.gateway.BuiltInTools;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.json.Json;
import dev.jetway.core.ledger.ListMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code registry_discover {providers?}} lists providers' capabilities again now (starting them if
 * needed), recording every list in the schema ledger; {@code registry_sources} says where each
 * provider came from.
 */
public final class DiscoveryTools implements BuiltInTools {

    static final Set<String> NAMES = Set.of("registry_discover", "registry_sources");

    private final Gateway gateway;
    private final ProviderSources sources;

    public DiscoveryTools(Gateway gateway, ProviderSources sources) {
        this.gateway = gateway;
        this.sources = sources;
    }

    @Override
    public ArrayNode definitions() {
        ObjectNode discover = definition("registry_discover", "Lists the tools, prompts, resources and templates of"
                + " providers again now (starting them if needed) and records new versions in the schema ledger.");
        property(discover, "providers", "array", "provider names; all when absent").putObject("items").put("type", "string");
        ObjectNode sourcesTool = definition("registry_sources", "Where each provider came from: the config file, or a"
                + " registration at run time.");
        return Json.MAPPER.createArrayNode().add(discover).add(sourcesTool);
    }

    @Override
    public boolean offers(String toolName) {
        return NAMES.contains(toolName);
    }

    @Override
    public ObjectNode call(String toolName, ObjectNode arguments) {
        try {
            return toolName.equals("registry_sources") ? sources() : discover(arguments);
        } catch (RuntimeException e) {
            return error(e.getMessage());
        }
    }

    private ObjectNode discover(ObjectNode arguments) {
        List<String> names = new ArrayList<>();
        if (arguments.get("providers") instanceof ArrayNode requested) {
            for (JsonNode n : requested) {
                if (!gateway.providers().containsKey(n.asText())) {
                    throw new IllegalArgumentException("unknown provider '" + n.asText() + "'; configured: "
                            + gateway.providers().keySet());
                }
                names.add(n.asText());
            }
        } else {
            gateway.providers().forEach((name, spec) -> {
                if (spec.group() == null) names.add(name);
            });
        }
        ObjectNode out = Json.object();
        ArrayNode results = out.putArray("providers");
        for (String name : names) {
            ObjectNode entry = results.addObject().put("provider", name);
            Map<String, Integer> before = latestVersions(name);
            try {
                ObjectNode counts = entry.putObject("items");
                gateway.rediscover(name).forEach(counts::put);
                Map<String, Integer> after = latestVersions(name);
                ArrayNode changed = entry.putArray("new_versions");
                after.forEach((method, version) -> {
                    if (!version.equals(before.get(method))) changed.addObject().put("method", method).put("version", version);
                });
            } catch (RuntimeException e) {
                entry.put("error", e.getMessage());
            }
        }
        return structured(out);
    }

    private Map<String, Integer> latestVersions(String provider) {
        Map<String, Integer> versions = new java.util.LinkedHashMap<>();
        if (gateway.groups().isGroup(provider)) return versions;
        for (ListMethod method : ListMethod.values()) {
            gateway.ledger().latest(provider, method).ifPresent(v -> versions.put(method.wireName(), v.number()));
        }
        return versions;
    }

    private ObjectNode sources() {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("providers");
        sources.all().forEach((name, source) -> list.addObject().put("provider", name)
                .put("source", source.kind().name().toLowerCase(java.util.Locale.ROOT))
                .put("location", source.location()).put("since", source.since().toString()));
        return structured(out);
    }
}
