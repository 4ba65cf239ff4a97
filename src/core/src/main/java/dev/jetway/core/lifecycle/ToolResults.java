package dev.jetway.core.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;

/** Small builders shared by the management tools: definitions, text results, error results. */
final class ToolResults {

    private ToolResults() {}

    /** A tool definition with an object input schema; add properties to {@code inputSchema.properties}. */
    static ObjectNode definition(String name, String description) {
        ObjectNode tool = Json.object().put("name", name).put("description", description);
        tool.putObject("inputSchema").put("type", "object").putObject("properties");
        return tool;
    }

    static ObjectNode property(ObjectNode tool, String name, String type, String description) {
        return ((ObjectNode) tool.get("inputSchema").get("properties")).putObject(name).put("type", type)
                .put("description", description);
    }

    static void require(ObjectNode tool, String... names) {
        var required = ((ObjectNode) tool.get("inputSchema")).putArray("required");
        for (String name : names) required.add(name);
    }

    static ObjectNode text(String text) {
        ObjectNode result = Json.object();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return result;
    }

    /** A text result whose text is the JSON of {@code structured}, also given as structuredContent. */
    static ObjectNode structured(ObjectNode structured) {
        ObjectNode result = text(Json.write(structured));
        result.set("structuredContent", structured);
        return result;
    }

    static ObjectNode error(String message) {
        return text(message).put("isError", true);
    }

    /** A required string argument, with a message naming it when it is missing. */
    static String string(ObjectNode arguments, String name) {
        JsonNode value = arguments.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("argument '" + name + "' is required and must be a non-empty string");
        }
        return value.asText();
    }
}
