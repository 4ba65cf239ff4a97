package dev.jetway.core.security;

import static dev.jetway.core.security.PolicyHarness.array;
import static dev.jetway.core.security.PolicyHarness.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.mcp.JsonRpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** tools/call arguments meet the tool's inputSchema before any provider sees the call. */
class InputValidationTest {

    private static final String ADD_SCHEMA = """
            {"type": "object", "required": ["a", "b"], "additionalProperties": false,
             "properties": {"a": {"type": "number"}, "b": {"type": "number"},
                            "options": {"type": "object", "properties": {"precision": {"type": "integer", "minimum": 0}}}}}""";

    private PolicyHarness harness;

    @BeforeEach
    void gateway() {
        harness = new PolicyHarness("""
                gateway: {background_discovery: false}
                providers:
                  math: {mode: remote, url: "https://math.example/mcp"}
                """, providers -> providers.tools.put("math", array(tool("add", ADD_SCHEMA),
                tool("remote-ref", "{\"$ref\": \"http://169.254.169.254/latest/schema.json\"}")))).warm();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void conforming_arguments_reach_the_provider() {
        JsonNode response = harness.callTool("math__add", "{\"a\": 1, \"b\": 2.5, \"options\": {\"precision\": 2}}", null);

        assertThat(response.path("result").path("content").get(0).path("text").asText()).isEqualTo("math ran add");
        assertThat(harness.providers.callsTo("math")).isEqualTo(1);
    }

    @Test
    void a_missing_required_argument_is_invalid_params_and_the_provider_never_sees_the_call() {
        JsonNode error = harness.callTool("math__add", "{\"a\": 1}", null).path("error");

        assertThat(error.path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(error.path("message").asText()).isEqualTo("invalid arguments for tool 'math__add': at /: required property 'b' not found");
        assertThat(harness.providers.callsTo("math")).as("calls that reached the provider").isZero();
    }

    @Test
    void the_error_names_the_failing_path_of_a_nested_value() {
        JsonNode wrongType = harness.callTool("math__add", "{\"a\": \"one\", \"b\": 2}", null).path("error");
        JsonNode nested = harness.callTool("math__add", "{\"a\": 1, \"b\": 2, \"options\": {\"precision\": -1}}", null).path("error");
        JsonNode extra = harness.callTool("math__add", "{\"a\": 1, \"b\": 2, \"c\": 3}", null).path("error");

        assertThat(wrongType.path("message").asText()).startsWith("invalid arguments for tool 'math__add': at /a: ");
        assertThat(nested.path("message").asText()).contains("at /options/precision: ");
        assertThat(extra.path("message").asText()).contains("c");
        assertThat(harness.providers.callsTo("math")).as("calls that reached the provider").isZero();
    }

    @Test
    void a_schema_that_points_at_a_url_is_not_fetched_and_leaves_the_call_to_the_provider() {
        JsonNode response = harness.callTool("math__remote-ref", "{}", null);

        assertThat(response.path("result").path("content").get(0).path("text").asText())
                .as("an unusable schema is the provider's to judge").isEqualTo("math ran remote-ref");
    }
}
