package dev.jetway.core.lifecycle;

import static dev.jetway.core.lifecycle.ToolResults.definition;
import static dev.jetway.core.lifecycle.ToolResults.error;
import static dev.jetway.core.lifecycle.ToolResults.property;
import static dev.jetway.core.lifecycle.ToolResults.require;
import static dev.jetway.core.lifecycle.ToolResults.string;
import static dev.jetway.core.lifecycle.ToolResults.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.gateway.BuiltInTools;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.gateway.ListKind;
import dev.jetway.core.json.Json;
import dev.jetway.core.ledger.ListMethod;
import dev.jetway.core.ledger.SchemaDiff;
import dev.jetway.core.ledger.SchemaVersion;
import java.util.List;
import java.util.Optional;

/**
 * {@code registry_tools {provider, method?, history?, diff?: [from, to]}}: what a provider lists now,
 * the versions the schema ledger recorded of it, and the difference between two versions.
 */
public final class SchemaTools implements BuiltInTools {

    static final String NAME = "registry_tools";

    private final Gateway gateway;

    public SchemaTools(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public ArrayNode definitions() {
        ObjectNode tool = definition(NAME, "Shows a provider's current tool (or other list) definitions, the versions"
                + " the schema ledger recorded of them, and the difference between two versions.");
        property(tool, "provider", "string", "the provider's name");
        property(tool, "method", "string", "tools/list (default), resources/list, resources/templates/list or prompts/list");
        property(tool, "history", "boolean", "also list every recorded version, oldest first");
        property(tool, "diff", "array", "[from, to]: two version numbers to compare").putObject("items").put("type", "integer");
        require(tool, "provider");
        return Json.MAPPER.createArrayNode().add(tool);
    }

    @Override
    public boolean offers(String toolName) {
        return NAME.equals(toolName);
    }

    @Override
    public ObjectNode call(String toolName, ObjectNode arguments) {
        try {
            String provider = string(arguments, "provider");
            if (!gateway.providers().containsKey(provider)) {
                return error("unknown provider '" + provider + "'; configured: " + gateway.providers().keySet());
            }
            ListMethod method = ListMethod.fromWireName(arguments.path("method").asText("tools/list"));
            ObjectNode out = Json.object().put("provider", provider).put("method", method.wireName());
            current(out, provider, method);
            if (arguments.path("history").asBoolean(false)) history(out, provider, method);
            if (arguments.get("diff") instanceof ArrayNode range) diff(out, provider, method, range);
            return structured(out);
        } catch (RuntimeException e) {
            return error(e.getMessage());
        }
    }

    private void current(ObjectNode out, String provider, ListMethod method) {
        Optional<SchemaVersion> latest = gateway.ledger().latest(provider, method);
        Optional<ArrayNode> known = gateway.knownList(provider, ListKind.forMethod(method.wireName()));
        if (latest.isPresent()) {
            SchemaVersion v = latest.get();
            out.put("version", v.number()).put("version_id", v.versionId()).put("hash", v.hash())
                    .put("recorded_at", v.createdAt().toString());
            out.set(method.itemsField(), v.payload().get(method.itemsField()));
        } else if (known.isPresent()) {
            out.put("source", gateway.providers().get(provider).group() != null
                    ? "the group serves its first member's list" : "predefined in the config; not listed by the provider yet");
            out.set(method.itemsField(), known.get());
        } else {
            out.put("source", "not known yet: the provider has not listed " + method.wireName());
            out.putArray(method.itemsField());
        }
    }

    private void history(ObjectNode out, String provider, ListMethod method) {
        ArrayNode versions = out.putArray("history");
        List<SchemaVersion> all = gateway.ledger().versions(provider, method);
        SchemaVersion previous = null;
        for (SchemaVersion v : all) {
            ObjectNode entry = versions.addObject().put("version", v.number()).put("version_id", v.versionId())
                    .put("recorded_at", v.createdAt().toString()).put("item_count", v.itemCount());
            SchemaDiff change = SchemaDiff.between(method, previous == null ? null : previous.payload(), v.payload());
            entry.set("added", Json.MAPPER.valueToTree(change.added()));
            entry.set("removed", Json.MAPPER.valueToTree(change.removed()));
            entry.set("changed", Json.MAPPER.valueToTree(change.changedNames()));
            previous = v;
        }
    }

    private void diff(ObjectNode out, String provider, ListMethod method, ArrayNode range) {
        if (range.size() != 2 || !range.get(0).canConvertToInt() || !range.get(1).canConvertToInt()) {
            throw new IllegalArgumentException("argument 'diff' must be two version numbers [from, to], got " + range);
        }
        int from = range.get(0).asInt();
        int to = range.get(1).asInt();
        SchemaDiff diff = gateway.ledger().diff(provider, method, from, to);
        ObjectNode node = out.putObject("diff").put("from", from).put("to", to);
        node.set("added", Json.MAPPER.valueToTree(diff.added()));
        node.set("removed", Json.MAPPER.valueToTree(diff.removed()));
        ArrayNode changed = node.putArray("changed");
        for (SchemaDiff.ChangedItem item : diff.changed()) {
            JsonNode fields = Json.MAPPER.valueToTree(item.fields());
            changed.addObject().put("name", item.name()).set("fields", fields);
        }
    }
}
