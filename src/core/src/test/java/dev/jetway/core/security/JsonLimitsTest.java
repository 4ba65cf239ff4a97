package dev.jetway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.FrontDoorResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonLimitsTest {

    private final EdgeHarness harness = new EdgeHarness("""
            gateway: {background_discovery: false}
            providers:
              alpha: {mode: remote, url: "https://alpha.example/mcp"}
            security:
              json: {max_depth: 16, max_batch: 4}
            """);

    @AfterEach
    void close() {
        harness.close();
    }

    private static String nested(int depth) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":" + "[".repeat(depth - 2) + "]".repeat(depth - 2) + "}}";
    }

    private static String batch(int n) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < n; i++) out.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"id\":").append(i).append(",\"method\":\"ping\"}");
        return out.append("]").toString();
    }

    private static void assertInvalidRequest(FrontDoorResponse.Complete response, String text) {
        assertThat(response.status()).isEqualTo(400);
        JsonNode body = Json.parse(response.bodyText());
        assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.has("id")).isTrue();
        assertThat(body.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(body.path("error").path("message").asText()).contains(text);
    }

    @Test
    void a_body_nested_deeper_than_the_limit_is_an_invalid_request_before_the_front_door_parses_it() {
        assertInvalidRequest(harness.post(nested(17), null), "nests deeper than 16 levels");
    }

    @Test
    void a_body_at_the_depth_limit_passes_the_edge() {
        FrontDoorResponse.Complete response = harness.post(nested(16), null);

        assertThat(response.bodyText()).doesNotContain("nests deeper");
    }

    @Test
    void a_batch_larger_than_the_limit_is_an_invalid_request() {
        assertInvalidRequest(harness.post(batch(5), null), "more than 4 messages");
    }

    @Test
    void a_batch_within_the_limit_passes_the_edge() {
        assertThat(harness.post(batch(4), null).bodyText()).doesNotContain("more than 4 messages");
    }

    @Test
    void a_million_open_brackets_cost_one_streaming_pass_and_get_the_same_answer() {
        assertInvalidRequest(harness.post("[".repeat(1_000_000), null), "nests deeper");
    }

    @Test
    void broken_json_is_left_to_the_front_door_which_answers_a_parse_error() {
        FrontDoorResponse.Complete response = harness.post("{\"jsonrpc\":", null);

        assertThat(Json.parse(response.bodyText()).path("error").path("code").asInt()).isEqualTo(-32700);
    }
}
