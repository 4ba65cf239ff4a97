package dev.jetway.core.mcp;

import static dev.jetway.core.mcp.FrontDoorHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Error paths of the front door that the era tests leave out: each bad request gets the status
 * and JSON-RPC code the specification gives it, and a message that says what is wrong.
 */
class FrontDoorBadInputTest {

    private static final String V = "2026-07-28";
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + V + "\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private final FrontDoorHarness door = new FrontDoorHarness(FrontDoorHarness.TWO_PROVIDERS);

    private static void assertError(FrontDoorResponse response, int status, int code, String messagePart) {
        JsonNode body = json(response);
        assertThat(response.status()).as(body.toString()).isEqualTo(status);
        assertThat(body.at("/error/code").asInt()).as(body.toString()).isEqualTo(code);
        assertThat(body.at("/error/message").asText()).contains(messagePart);
    }

    // ---- HTTP envelope ----------------------------------------------------------------------

    @Test
    void aPostThatIsNotJsonIsUnsupportedMediaType415() {
        FrontDoorResponse response = door.frontDoor.handle(new FrontDoorRequest("POST", "/mcp",
                HttpHeaders.of("Host", "localhost", "Content-Type", "text/plain", "Accept", "application/json"),
                "{}".getBytes()));

        assertError(response, 415, JsonRpc.INVALID_REQUEST, "Content-Type must be application/json");
    }

    @Test
    void aPostAcceptingNeitherJsonNorEventStreamIsNotAcceptable406() {
        FrontDoorResponse response = door.frontDoor.handle(new FrontDoorRequest("POST", "/mcp",
                HttpHeaders.of("Host", "localhost", "Content-Type", "application/json", "Accept", "text/html"),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes()));

        assertError(response, 406, JsonRpc.INVALID_REQUEST, "Accept must include");
    }

    @Test
    void aGetThatDoesNotAcceptAnEventStreamIsNotAcceptable406() {
        String session = door.initialize("2025-11-25");

        FrontDoorResponse response = door.frontDoor.handle(new FrontDoorRequest("GET", "/mcp",
                HttpHeaders.of("Host", "localhost", "Accept", "application/json", FrontDoor.SESSION_HEADER, session), null));

        assertThat(response.status()).isEqualTo(406);
    }

    @Test
    void anEmptyBodyIsAParseError400() {
        assertError(door.post(""), 400, JsonRpc.PARSE_ERROR, "the body is empty");
    }

    @Test
    void aDeleteWithoutSessionHeaderIs400() {
        assertThat(door.send("DELETE").status()).isEqualTo(400);
    }

    // ---- session era ------------------------------------------------------------------------

    @Test
    void initializeWithoutAStringProtocolVersionIsInvalidParams() {
        FrontDoorResponse response = door.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":5}}");

        assertError(response, 200, JsonRpc.INVALID_PARAMS, "params.protocolVersion must be a string");
    }

    @Test
    void initializeSentAsANotificationIsAnInvalidRequest() {
        assertError(door.post("{\"jsonrpc\":\"2.0\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}"),
                400, JsonRpc.INVALID_REQUEST, "initialize must be a request");
    }

    @Test
    void anEmptyBatchIsAnInvalidRequestAndABadItemGetsItsOwnError() {
        String legacy = door.initialize("2025-03-26");

        FrontDoorResponse empty = door.post("[]", FrontDoor.SESSION_HEADER, legacy);
        FrontDoorResponse mixed = door.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"id\":2,\"method\":\"ping\"}]",
                FrontDoor.SESSION_HEADER, legacy);

        assertError(empty, 400, JsonRpc.INVALID_REQUEST, "empty batch");
        assertThat(json(mixed).get(0).at("/result").isObject()).isTrue();
        assertThat(json(mixed).get(1).at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(json(mixed).get(1).get("id").asInt()).isEqualTo(2);
    }

    @Test
    void aBodyThatIsNeitherObjectNorArrayIsAnInvalidRequest() {
        String session = door.initialize("2025-11-25");

        assertError(door.post("\"ping\"", FrontDoor.SESSION_HEADER, session), 400, JsonRpc.INVALID_REQUEST,
                "must be a JSON-RPC message object");
    }

    // ---- stateless era ----------------------------------------------------------------------

    private FrontDoorResponse stateless(String body, String... headers) {
        return door.post(body, headers);
    }

    @Test
    void aBatchInTheStatelessEraIsAnInvalidRequest() {
        FrontDoorResponse response = stateless("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + META + "}}]",
                FrontDoor.VERSION_HEADER, V, "Mcp-Method", "tools/list");

        assertError(response, 400, JsonRpc.INVALID_REQUEST, "no batches in");
    }

    @Test
    void anInvalidEnvelopeInTheStatelessEraIsAnInvalidRequestKeepingTheId() {
        FrontDoorResponse response = stateless("{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"tools/list\",\"params\":{" + META + "}}",
                FrontDoor.VERSION_HEADER, V, "Mcp-Method", "tools/list");

        assertError(response, 400, JsonRpc.INVALID_REQUEST, "jsonrpc must be \"2.0\"");
        assertThat(json(response).get("id").asInt()).isEqualTo(5);
    }

    @Test
    void aStatelessRequestWithoutTheVersionHeaderIsAHeaderMismatch() {
        FrontDoorResponse response = stateless("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + META + "}}",
                "Mcp-Method", "tools/list");

        assertError(response, 400, JsonRpc.HEADER_MISMATCH, "missing MCP-Protocol-Version header");
    }

    @Test
    void aStatelessRequestWithoutMcpMethodHeaderIsAHeaderMismatch() {
        FrontDoorResponse response = stateless("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + META + "}}",
                FrontDoor.VERSION_HEADER, V);

        assertError(response, 400, JsonRpc.HEADER_MISMATCH, "missing Mcp-Method header");
    }

    @Test
    void aStatelessToolCallWithoutMcpNameHeaderIsAHeaderMismatch() {
        FrontDoorResponse response = stateless("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{"
                + "\"name\":\"alpha__echo\"," + META + "}}", FrontDoor.VERSION_HEADER, V, "Mcp-Method", "tools/call");

        assertError(response, 400, JsonRpc.HEADER_MISMATCH, "missing Mcp-Name header");
    }

    @Test
    void aStatelessResourceReadWhoseMcpNameIsNotTheUriIsAHeaderMismatch() {
        FrontDoorResponse response = stateless("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{"
                + "\"uri\":\"alpha+test://a\"," + META + "}}", FrontDoor.VERSION_HEADER, V, "Mcp-Method", "resources/read",
                "Mcp-Name", "alpha+test://b");

        assertError(response, 400, JsonRpc.HEADER_MISMATCH, "Mcp-Name header does not match params.uri");
    }

    @Test
    void aStatelessToolCallNamingNoKnownToolIsInvalidParams() {
        FrontDoorResponse response = stateless("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{"
                + "\"name\":\"nobody__x\"," + META + "}}", "Accept", "application/json", FrontDoor.VERSION_HEADER, V,
                "Mcp-Method", "tools/call", "Mcp-Name", "nobody__x");

        JsonNode body = FrontDoorHarness.message(response);
        assertThat(body.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(body.at("/error/message").asText()).isEqualTo("unknown tool 'nobody__x'");
    }

    @Test
    void aStatelessListWithABadCursorIsInvalidParams() {
        FrontDoorResponse response = stateless("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/list\",\"params\":{"
                + "\"cursor\":\"!!\"," + META + "}}", FrontDoor.VERSION_HEADER, V, "Mcp-Method", "prompts/list");

        assertError(response, 200, JsonRpc.INVALID_PARAMS, "invalid params.cursor");
    }
}
