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
import dev.jetway.core.json.Json;
import dev.jetway.core.ledger.ListMethod;
import dev.jetway.core.ledger.SchemaVersion;
import dev.jetway.core.security.Caller;
import dev.jetway.core.upstream.UpstreamListener;
import java.util.Optional;

/**
 * {@code registry_approve {provider, version?}}: approves a version of a pinned provider's tool
 * definitions (the latest when no version is given), so that its new and changed tools are listed
 * and callable. {@code registry_tools} shows the versions and what changed between them.
 */
public final class PinTools implements BuiltInTools {

    static final String NAME = "registry_approve";

    private final Gateway gateway;

    public PinTools(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public ArrayNode definitions() {
        ObjectNode tool = definition(NAME, "Approves a version of a pinned provider's tool definitions: its new and"
                + " changed tools are listed and callable from then on. See registry_tools for versions and diffs.");
        property(tool, "provider", "string", "the provider's name");
        property(tool, "version", "integer", "the schema version to approve (default: the latest)");
        require(tool, "provider");
        return Json.MAPPER.createArrayNode().add(tool);
    }

    @Override
    public boolean offers(String toolName) {
        return NAME.equals(toolName);
    }

    @Override
    public ObjectNode call(String toolName, ObjectNode arguments) {
        return call(toolName, arguments, Json.object(), UpstreamListener.NONE, null);
    }

    @Override
    public ObjectNode call(String toolName, ObjectNode arguments, ObjectNode params, UpstreamListener listener,
                           Caller caller) {
        try {
            String provider = string(arguments, "provider");
            gateway.requireApprovable(provider);
            JsonNode requested = arguments.get("version");
            int number;
            if (requested == null || requested.isNull()) {
                Optional<SchemaVersion> latest = gateway.ledger().latest(provider, ListMethod.TOOLS);
                if (latest.isEmpty()) return error("provider '" + provider + "' has not listed its tools yet; nothing to approve");
                number = latest.get().number();
            } else if (requested.canConvertToInt() && requested.isIntegralNumber()) {
                number = requested.asInt();
            } else {
                return error("argument 'version' must be a whole number, got " + requested);
            }
            Gateway.ToolsApproval approval = gateway.approveTools(provider, number,
                    caller == null ? "gateway" : caller.subject());
            ObjectNode out = Json.object().put("provider", provider).put("approved_version", approval.version())
                    .put("version_id", approval.versionId());
            if (approval.previousVersion() != null) out.put("previous_version", approval.previousVersion());
            ArrayNode held = out.putArray("still_held");
            gateway.heldTools(provider).forEach(held::add);
            return structured(out);
        } catch (RuntimeException e) {
            return error(e.getMessage());
        }
    }
}
