package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A provider that answers with fields no MCP schema defines, behind the real gateway. The client
 * side is raw HTTP on purpose: an SDK client would drop unknown fields itself and hide a loss.
 */
class PassThroughTest {

    private static LocalGateway gateway;
    private static String session;

    @BeforeAll
    static void start() throws Exception {
        gateway = new LocalGateway("""
                gateway: {background_discovery: false}
                providers:
                  odd:
                    mode: subprocess
                    command: [node, "%s"]
                """.formatted(TestTools.fixture("extra-fields-server.mjs")));
        session = gateway.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""")
                .headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
    }

    private JsonNode call(String body) throws Exception {
        HttpResponse<String> response = gateway.post(body, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
        return Json.parse(LocalGateway.lastMessage(response));
    }

    @Test
    void unknownFieldsInParamsResultsContentAndMetaArriveUnchanged() throws Exception {
        JsonNode response = call("""
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"odd__mirror","arguments":{"k":"v"},
                 "x-param-extra":{"deep":[true]},"_meta":{"vendor.example/client":"c-1"}}}""");

        JsonNode result = response.get("result");
        assertThat(result.get("x-result-extra").asInt()).isEqualTo(42);
        assertThat(result.at("/content/0/x-content-extra/nested").asBoolean()).isTrue();
        assertThat(result.at("/_meta/vendor.example~1trace").asText()).isEqualTo("t-1");
        assertThat(Json.write(result.at("/structuredContent/received"))).as("what the provider received")
                .isEqualTo("{\"name\":\"mirror\",\"arguments\":{\"k\":\"v\"},\"x-param-extra\":{\"deep\":[true]},"
                        + "\"_meta\":{\"vendor.example/client\":\"c-1\"}}");
    }

    @Test
    void unknownFieldsOfToolDefinitionsSurviveAggregation() throws Exception {
        call("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"odd__mirror\"}}");

        JsonNode list = call("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}");

        assertThat(list.at("/result/tools/0/name").asText()).isEqualTo("odd__mirror");
        assertThat(Json.write(list.at("/result/tools/0/x-tool-extra"))).isEqualTo("[1,2,3]");
    }

    @Test
    void anUpstreamErrorIsForwardedWithItsCodeAndData() throws Exception {
        call("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"odd__mirror\"}}");

        JsonNode response = call("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"prompts/get\",\"params\":{\"name\":\"odd__p\"}}");

        assertThat(response.get("id").asInt()).isEqualTo(6);
        assertThat(response.at("/error/code").asInt()).isEqualTo(-32601);
        assertThat(response.at("/error/data/x-error-extra").asBoolean()).isTrue();
    }
}
