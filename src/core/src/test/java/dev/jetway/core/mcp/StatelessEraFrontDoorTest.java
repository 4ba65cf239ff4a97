package dev.jetway.core.mcp;

import static dev.jetway.core.mcp.FrontDoorHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class StatelessEraFrontDoorTest {

    private static final String V = "2026-07-28";
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"%s\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private final FrontDoorHarness door = new FrontDoorHarness(FrontDoorHarness.TWO_PROVIDERS);

    private FrontDoorResponse request(String method, String params, String... extraHeaders) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"" + method + "\",\"params\":{" + params + "}}";
        String[] headers = new String[4 + extraHeaders.length];
        headers[0] = FrontDoor.VERSION_HEADER;
        headers[1] = V;
        headers[2] = "Mcp-Method";
        headers[3] = method;
        System.arraycopy(extraHeaders, 0, headers, 4, extraHeaders.length);
        return door.post(body, headers);
    }

    @Test
    void serverDiscoverNamesVersionsCapabilitiesAndServerInfoWithoutASession() {
        FrontDoorResponse response = request("server/discover", META.formatted(V));

        JsonNode result = json(response).get("result");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).doesNotContainKey(FrontDoor.SESSION_HEADER);
        assertThat(result.get("supportedVersions").get(0).asText()).isEqualTo(V);
        assertThat(result.at("/capabilities/tools").isObject()).isTrue();
        assertThat(result.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asText()).isEqualTo("jetway");
        assertThat(result.get("resultType").asText()).isEqualTo("complete");
    }

    @Test
    void listsCarryResultTypeAndCachingHints() {
        JsonNode result = json(request("tools/list", META.formatted(V))).get("result");

        assertThat(result.get("resultType").asText()).isEqualTo("complete");
        assertThat(result.get("ttlMs").asInt()).isZero();
        assertThat(result.get("cacheScope").asText()).isEqualTo("private");
    }

    @Test
    void missingMetaIsInvalidParams400() {
        FrontDoorResponse response = request("tools/list", "");

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(json(response).get("id").asInt()).isEqualTo(9);
    }

    @Test
    void metaVersionDifferentFromTheHeaderIsHeaderMismatch400() {
        FrontDoorResponse response = request("tools/list", META.formatted("2025-11-25"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asInt()).isEqualTo(JsonRpc.HEADER_MISMATCH);
    }

    @Test
    void anUnsupportedVersionListsTheSupportedOnesAndEchoesTheRequestedOne() {
        FrontDoorResponse response = door.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{"
                + META.formatted("v999") + "}}", FrontDoor.VERSION_HEADER, "v999", "Mcp-Method", "tools/list");

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asInt()).isEqualTo(JsonRpc.UNSUPPORTED_PROTOCOL_VERSION);
        assertThat(json(response).at("/error/data/supported/0").asText()).isEqualTo(V);
        assertThat(json(response).at("/error/data/requested").asText()).isEqualTo("v999");
    }

    @Test
    void anMcpMethodHeaderThatDisagreesWithTheBodyIsHeaderMismatch() {
        FrontDoorResponse response = door.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{"
                + META.formatted(V) + "}}", FrontDoor.VERSION_HEADER, V, "Mcp-Method", "prompts/list");

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asInt()).isEqualTo(JsonRpc.HEADER_MISMATCH);
    }

    @Test
    void anMcpNameHeaderThatDisagreesWithTheToolNameIsHeaderMismatch() {
        FrontDoorResponse response = request("tools/call", "\"name\":\"alpha__echo\"," + META.formatted(V),
                "Mcp-Name", "alpha__other");

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asInt()).isEqualTo(JsonRpc.HEADER_MISMATCH);
    }

    @Test
    void methodsRemovedInThisEraAndUnknownMethodsAre404MethodNotFound() {
        for (String method : new String[] {"initialize", "ping", "logging/setLevel", "no/such"}) {
            FrontDoorResponse response = request(method, META.formatted(V));
            assertThat(response.status()).as(method).isEqualTo(404);
            assertThat(json(response).at("/error/code").asInt()).as(method).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
        }
    }

    @Test
    void aToolCallIsRoutedAndStampedComplete() {
        door.providers.script("beta", ScriptedProviders.toolProvider("echo"));

        var message = FrontDoorHarness.message(request("tools/call", "\"name\":\"beta__echo\"," + META.formatted(V),
                "Mcp-Name", "beta__echo"));

        assertThat(message.at("/result/content/0/text").asText()).isEqualTo("called echo");
        assertThat(message.at("/result/resultType").asText()).isEqualTo("complete");
    }

    @Test
    void getIsNotAStreamInThisEra() {
        assertThat(door.send("GET", FrontDoor.VERSION_HEADER, V).status()).isEqualTo(405);
    }
}
