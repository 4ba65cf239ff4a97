package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/** The shape each kind of input response must have before it is handed to a provider. */
final class InputResponses {

    private static final Set<String> ACTIONS = Set.of("accept", "decline", "cancel");

    private InputResponses() {}

    /** What is wrong with the client's answer to a request of this method, if anything. */
    static Optional<String> problem(String method, JsonNode answer) {
        if (answer == null || !answer.isObject()) return Optional.of("it must be an object");
        return switch (method) {
            case "elicitation/create" -> !ACTIONS.contains(answer.path("action").asText())
                    ? Optional.of("action must be accept, decline or cancel")
                    : answer.has("content") && !answer.get("content").isObject()
                            ? Optional.of("content must be an object") : Optional.empty();
            case "sampling/createMessage" -> !answer.path("role").isTextual()
                    || !(answer.path("content").isObject() || answer.path("content").isArray())
                    ? Optional.of("it needs role and content") : Optional.empty();
            case "roots/list" -> !answer.path("roots").isArray()
                    ? Optional.of("roots must be an array") : Optional.empty();
            default -> Optional.of("unexpected method " + method);
        };
    }
}
