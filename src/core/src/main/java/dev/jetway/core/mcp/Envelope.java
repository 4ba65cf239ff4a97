package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Checks of the JSON-RPC 2.0 envelope, the only part of a message the front door parses. */
final class Envelope {

    private Envelope() {}

    /** What is wrong with the envelope, or empty when it is a valid request, notification or response. */
    static Optional<String> problem(ObjectNode message) {
        if (!"2.0".equals(message.path("jsonrpc").asText(null))) return Optional.of("jsonrpc must be \"2.0\"");
        JsonNode id = message.get("id");
        if (id != null && !(id.isTextual() || id.isIntegralNumber())) {
            return Optional.of("id must be a string or an integer");
        }
        JsonNode method = message.get("method");
        if (method != null) {
            if (!method.isTextual() || method.asText().isEmpty()) return Optional.of("method must be a non-empty string");
            JsonNode params = message.get("params");
            if (params != null && !params.isObject()) return Optional.of("params must be an object");
            return Optional.empty();
        }
        if (id == null) return Optional.of("a message needs a method, or an id with a result or error");
        if (message.has("result") == message.has("error")) return Optional.of("a response needs exactly one of result and error");
        return Optional.empty();
    }

    static boolean isResponse(ObjectNode message) {
        return !message.has("method");
    }

    static boolean isNotification(ObjectNode message) {
        return message.has("method") && !message.has("id");
    }
}
