package dev.jetway.core.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;

/**
 * What the gateway says about itself when it opens a session with a provider. It asks for the
 * newest session-era version; the provider may answer with an older one it supports. The client
 * capabilities are the ones the gateway can relay to its own clients.
 */
public final class McpClientHandshake {

    public static final String PROTOCOL_VERSION = "2025-11-25";

    private McpClientHandshake() {}

    public static ObjectNode initializeParams() {
        ObjectNode params = Json.object().put("protocolVersion", PROTOCOL_VERSION);
        ObjectNode capabilities = params.putObject("capabilities");
        capabilities.putObject("sampling");
        capabilities.putObject("elicitation");
        capabilities.putObject("roots").put("listChanged", true);
        params.putObject("clientInfo").put("name", "jetway").put("version", Version.VALUE);
        return params;
    }
}
