package dev.jetway.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.gateway.NameMapping;
import dev.jetway.core.gateway.Route;
import java.util.Optional;

/**
 * Which provider a JSON-RPC request will reach, read from the prefixed tool or prompt name or the
 * resource URI ({@code provider__tool}, {@code provider+uri}), so that the provider's rate limit is
 * applied before the request goes any further. With name prefixing off the provider is only known
 * inside the gateway, and per-provider limits do not apply at the edge.
 */
final class ProviderOfRequest {

    private final NameMapping names;

    ProviderOfRequest(GatewayConfig config) {
        this.names = new NameMapping(config.settings().prefixNames(), config.settings().separator(),
                config.providers().keySet());
    }

    Optional<String> of(JsonNode message) {
        JsonNode params = message.path("params");
        Optional<Route> route = switch (message.path("method").asText("")) {
            case "tools/call", "prompts/get" -> text(params.path("name")).flatMap(n -> names.parse(n, false));
            case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
                    text(params.path("uri")).flatMap(u -> names.parse(u, true));
            default -> Optional.empty();
        };
        return route.map(Route::provider);
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }
}
