package dev.jetway.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpHandler;
import dev.jetway.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A minimal Streamable HTTP MCP server for tests that watch what reaches a provider: one tool
 * ({@code echo}), JSON answers, and the headers of every request it receives recorded. It offers no
 * GET event stream (405).
 */
final class RecordingMcpServer {

    private RecordingMcpServer() {}

    /** @param recorded receives the headers of every request, in arrival order */
    static HttpHandler recordingHeadersInto(List<Map<String, List<String>>> recorded) {
        return exchange -> {
            recorded.add(Map.copyOf(exchange.getRequestHeaders()));
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                exchange.close();
                return;
            }
            JsonNode request = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String result = switch (request.path("method").asText()) {
                case "initialize" -> "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"recorder\",\"version\":\"1\"}}";
                case "tools/list" -> "{\"tools\":[{\"name\":\"echo\",\"inputSchema\":{\"type\":\"object\"}}]}";
                case "tools/call" -> "{\"content\":[{\"type\":\"text\",\"text\":\"echoed\"}]}";
                default -> null;
            };
            byte[] body = result == null ? new byte[0]
                    : ("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":" + result + "}")
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(result == null ? 202 : 200, result == null ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        };
    }
}
