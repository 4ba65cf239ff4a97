package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;

/** JSON-RPC 2.0 error codes the front door uses and the messages it builds. */
public final class JsonRpc {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /**
     * The client cancelled the request (the code LSP uses). Only a plain-JSON answer carries it; on
     * an event stream a cancelled request gets no response at all.
     */
    public static final int REQUEST_CANCELLED = -32800;
    /** Session-era: the Mcp-Session-Id is unknown or ended (the TypeScript SDK's code). */
    public static final int SESSION_NOT_FOUND = -32001;
    /**
     * Session-era: initialize refused because the caller, or the gateway, holds as many sessions as
     * it may (implementation-defined range; {@code data} names the limit and its config key).
     */
    public static final int SESSION_LIMIT_REACHED = -32030;
    /** Stateless era: a header disagrees with the body (SEP-2243). */
    public static final int HEADER_MISMATCH = -32020;
    /** Stateless era: the client lacks a capability the request needs. */
    public static final int MISSING_CLIENT_CAPABILITY = -32021;
    /** Stateless era: the requested protocol version is not served. */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private JsonRpc() {}

    public static ObjectNode result(JsonNode id, ObjectNode result) {
        ObjectNode message = Json.object().put("jsonrpc", "2.0");
        message.set("id", id == null ? NullNode.getInstance() : id);
        message.set("result", result);
        return message;
    }

    public static ObjectNode error(JsonNode id, int code, String text) {
        return error(id, code, text, null);
    }

    public static ObjectNode error(JsonNode id, int code, String text, JsonNode data) {
        ObjectNode error = Json.object().put("code", code).put("message", text);
        if (data != null) error.set("data", data);
        return errorObject(id, error);
    }

    public static ObjectNode errorObject(JsonNode id, ObjectNode error) {
        ObjectNode message = Json.object().put("jsonrpc", "2.0");
        message.set("id", id == null ? NullNode.getInstance() : id);
        message.set("error", error);
        return message;
    }
}
