package dev.jetway.core.mcp;

import static dev.jetway.core.mcp.FrontDoorHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import org.junit.jupiter.api.Test;

class SessionEraFrontDoorTest {

    private final FrontDoorHarness door = new FrontDoorHarness(FrontDoorHarness.TWO_PROVIDERS);

    @Test
    void initializeOpensASessionWithAnUnguessableVisibleAsciiId() {
        FrontDoorResponse response = door.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},
                 "clientInfo":{"name":"t","version":"1"}}}""");

        String session = response.headers().get(FrontDoor.SESSION_HEADER);
        assertThat(response.status()).isEqualTo(200);
        assertThat(session).as("base64url of 32 random bytes").matches("[A-Za-z0-9_-]{43}");
        assertThat(json(response).at("/result/protocolVersion").asText())
                .as("a supported requested version is echoed").isEqualTo("2025-06-18");
        assertThat(door.initialize("2025-11-25")).as("every session gets its own id").isNotEqualTo(session);
    }

    @Test
    void initializeWithAnUnknownVersionIsAnsweredWithTheNewestSessionEraVersion() {
        FrontDoorResponse response = door.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1999-01-01","capabilities":{}}}""");

        assertThat(json(response).at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
    }

    @Test
    void notificationsAndResponsesFromTheClientAreAccepted202() {
        String session = door.initialize("2025-11-25");

        FrontDoorResponse notification = door.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                FrontDoor.SESSION_HEADER, session);
        FrontDoorResponse response = door.post("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":{}}",
                FrontDoor.SESSION_HEADER, session);

        assertThat(notification.status()).isEqualTo(202);
        assertThat(response.status()).isEqualTo(202);
    }

    @Test
    void aRequestWithoutSessionIsRefused400AndAnUnknownSession404() {
        FrontDoorResponse missing = door.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        FrontDoorResponse unknown = door.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
                FrontDoor.SESSION_HEADER, "no-such-session");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(json(unknown).at("/error/code").asInt()).isEqualTo(JsonRpc.SESSION_NOT_FOUND);
    }

    @Test
    void deleteEndsTheSessionAndLaterRequestsGet404() {
        String session = door.initialize("2025-11-25");

        FrontDoorResponse deleted = door.send("DELETE", FrontDoor.SESSION_HEADER, session);
        FrontDoorResponse after = door.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
                FrontDoor.SESSION_HEADER, session);
        FrontDoorResponse deletedAgain = door.send("DELETE", FrontDoor.SESSION_HEADER, session);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(after.status()).isEqualTo(404);
        assertThat(deletedAgain.status()).isEqualTo(404);
    }

    @Test
    void pingIsAnsweredByTheGateway() {
        String session = door.initialize("2025-11-25");

        ObjectNode response = door.call(session, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");

        assertThat(response.get("id").asInt()).isEqualTo(7);
        assertThat(response.get("result").isEmpty()).isTrue();
    }

    @Test
    void malformedJsonIsAParseError400() {
        FrontDoorResponse response = door.post("{\"jsonrpc\":\"2.0\",", FrontDoor.SESSION_HEADER, door.initialize("2025-11-25"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asInt()).isEqualTo(JsonRpc.PARSE_ERROR);
        assertThat(json(response).get("id").isNull()).isTrue();
    }

    @Test
    void anInvalidEnvelopeIsAnInvalidRequest400() {
        String session = door.initialize("2025-11-25");

        FrontDoorResponse noVersion = door.post("{\"id\":1,\"method\":\"ping\"}", FrontDoor.SESSION_HEADER, session);
        FrontDoorResponse badParams = door.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"params\":[1]}",
                FrontDoor.SESSION_HEADER, session);

        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(json(noVersion).at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(json(badParams).at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(json(badParams).get("id").asInt()).as("the id is kept when it is readable").isEqualTo(2);
    }

    @Test
    void anUnknownMethodIsMethodNotFound() {
        ObjectNode response = door.call(door.initialize("2025-11-25"), "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/frobnicate\"}");

        assertThat(response.at("/error/code").asInt()).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
    }

    @Test
    void badParamsAreInvalidParams() {
        String session = door.initialize("2025-11-25");

        ObjectNode noName = door.call(session, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{}}");
        ObjectNode unknownTool = door.call(session,
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"nobody__x\"}}");
        ObjectNode badLevel = door.call(session, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"logging/setLevel\",\"params\":{}}");

        assertThat(noName.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(unknownTool.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(unknownTool.at("/error/message").asText()).isEqualTo("unknown tool 'nobody__x'");
        assertThat(badLevel.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
    }

    @Test
    void aForeignOriginIsForbidden403AndLoopbackOriginsAreAllowed() {
        FrontDoorResponse evil = door.post("{}", "Origin", "https://evil.example");
        String session = door.initialize("2025-11-25");
        FrontDoorResponse local = door.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
                "Origin", "http://localhost:6274", FrontDoor.SESSION_HEADER, session);

        assertThat(evil.status()).isEqualTo(403);
        assertThat(local.status()).isEqualTo(200);
    }

    @Test
    void anUnknownHostIsMisdirected421() {
        FrontDoorResponse response = door.frontDoor.handle(new FrontDoorRequest("POST", "/mcp",
                HttpHeaders.of("Host", "attacker.example:8080", "Content-Type", "application/json"), "{}".getBytes()));

        assertThat(response.status()).as("DNS rebinding defence").isEqualTo(421);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        FrontDoorResponse response = door.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
                + "x".repeat(4096) + "\"}}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(json(response).at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
    }

    @Test
    void anUnsupportedProtocolVersionHeaderIs400() {
        String session = door.initialize("2025-11-25");

        FrontDoorResponse response = door.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
                FrontDoor.SESSION_HEADER, session, FrontDoor.VERSION_HEADER, "2024-01-01");

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).contains("unsupported MCP-Protocol-Version '2024-01-01'");
    }

    @Test
    void batchesAreRefusedFrom2025_06_18AndAnsweredIn2025_03_26() {
        String modern = door.initialize("2025-06-18");
        String legacy = door.initialize("2025-03-26");
        String batch = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]";

        FrontDoorResponse refused = door.post(batch, FrontDoor.SESSION_HEADER, modern);
        FrontDoorResponse answered = door.post(batch, FrontDoor.SESSION_HEADER, legacy);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(json(answered).isArray()).isTrue();
        assertThat(json(answered)).as("one response per request, none for the notification").hasSize(2);
    }

    @Test
    void aWrongPathIs404AndAnUnsupportedMethodIs405() {
        FrontDoorResponse wrongPath = door.frontDoor.handle(new FrontDoorRequest("POST", "/other",
                HttpHeaders.of("Host", "localhost"), null));
        FrontDoorResponse put = door.send("PUT");

        assertThat(wrongPath.status()).isEqualTo(404);
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.headers()).containsEntry("Allow", "GET, POST, DELETE");
    }

    @Test
    void getWithoutAValidSessionDoesNotOpenAStream() {
        assertThat(door.send("GET").status()).isEqualTo(400);
        assertThat(door.send("GET", FrontDoor.SESSION_HEADER, "gone").status()).isEqualTo(404);
    }

    @Test
    void getWithASessionOpensAnEventStream() {
        String session = door.initialize("2025-11-25");

        FrontDoorResponse response = door.send("GET", FrontDoor.SESSION_HEADER, session);

        assertThat(response).isInstanceOf(FrontDoorResponse.EventStream.class);
        assertThat(response.headers()).containsEntry("Content-Type", "text/event-stream");
    }

    @Test
    void theResultOfAToolCallCarriesTheClientsId() {
        door.providers.script("alpha", ScriptedProviders.toolProvider("echo"));
        String session = door.initialize("2025-11-25");

        ObjectNode response = door.call(session,
                "{\"jsonrpc\":\"2.0\",\"id\":\"client-42\",\"method\":\"tools/call\",\"params\":{\"name\":\"alpha__echo\"}}");

        assertThat(response.get("id").asText()).isEqualTo("client-42");
        assertThat(response.at("/result/content/0/text").asText()).isEqualTo("called echo");
        assertThat(Json.write(door.providers.received.get(door.providers.received.size() - 1).params()))
                .as("the provider sees its own tool name").isEqualTo("{\"name\":\"echo\"}");
    }
}
