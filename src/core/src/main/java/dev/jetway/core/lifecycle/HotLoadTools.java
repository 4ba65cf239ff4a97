package dev.jetway.core.lifecycle;

import static dev.jetway.core.lifecycle.ToolResults.definition;
import static dev.jetway.core.lifecycle.ToolResults.error;
import static dev.jetway.core.lifecycle.ToolResults.property;
import static dev.jetway.core.lifecycle.ToolResults.require;
import static dev.jetway.core.lifecycle.ToolResults.string;
import static dev.jetway.core.lifecycle.ToolResults.text;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.ConfigException;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.gateway.BuiltInTools;
import dev.jetway.core.json.Json;
import java.util.Set;

/**
 * {@code registry_add {name, config}}, {@code registry_update {name, config}} and
 * {@code registry_remove {name}}: hot load from an MCP client. {@code config} is what the provider's
 * entry under {@code providers:} of the YAML file would hold, checked by the same loader.
 */
public final class HotLoadTools implements BuiltInTools {

    static final Set<String> NAMES = Set.of("registry_add", "registry_update", "registry_remove");

    private final HotLoad hotLoad;

    public HotLoadTools(HotLoad hotLoad) {
        this.hotLoad = hotLoad;
    }

    @Override
    public ArrayNode definitions() {
        ObjectNode add = definition("registry_add", "Registers a new provider now, without a restart; it starts on first use.");
        ObjectNode update = definition("registry_update", "Changes a provider's settings now; if it runs it is stopped and"
                + " starts with the new settings on its next use.");
        for (ObjectNode tool : new ObjectNode[] {add, update}) {
            property(tool, "name", "string", "the provider's name (it prefixes its tools)");
            property(tool, "config", "object", "the provider's settings as in the YAML file, e.g."
                    + " {\"mode\":\"remote\",\"url\":\"https://…/mcp\"}");
            require(tool, "name", "config");
        }
        ObjectNode remove = definition("registry_remove", "Removes a provider now: it is stopped and its tools disappear.");
        property(remove, "name", "string", "the provider's name");
        require(remove, "name");
        return Json.MAPPER.createArrayNode().add(add).add(update).add(remove);
    }

    @Override
    public boolean offers(String toolName) {
        return NAMES.contains(toolName);
    }

    @Override
    public ObjectNode call(String toolName, ObjectNode arguments) {
        try {
            String name = string(arguments, "name");
            return switch (toolName) {
                case "registry_add" -> {
                    hotLoad.add(name, spec(name, arguments), ProviderSources.Kind.RUNTIME, toolName);
                    yield text("provider '" + name + "' registered; it starts on first use");
                }
                case "registry_update" -> text(hotLoad.update(name, spec(name, arguments), ProviderSources.Kind.RUNTIME,
                        toolName) ? "provider '" + name + "' changed; it starts with the new settings on its next use"
                        : "provider '" + name + "' already has these settings; nothing changed");
                case "registry_remove" -> {
                    hotLoad.remove(name);
                    yield text("provider '" + name + "' removed");
                }
                default -> error("unknown tool '" + toolName + "'");
            };
        } catch (IllegalArgumentException | ConfigException e) {
            return error(e.getMessage());
        }
    }

    private static ProviderSpec spec(String name, ObjectNode arguments) {
        return ConfigLoader.parseProvider(name, arguments.get("config"), "the " + "config argument");
    }
}
