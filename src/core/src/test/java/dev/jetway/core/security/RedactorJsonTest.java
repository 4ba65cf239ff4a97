package dev.jetway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Redacting a JSON error body must not break it: clients parse every refusal as JSON-RPC. */
class RedactorJsonTest {

    final Redactor redactor = new Redactor(List.of("s3cr3t-value-123"));

    @Test
    void aPasswordAssignmentSpanningQuotesIsRedactedAndTheBodyStaysValidJson() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                + "\"message\":\"bad \\\"passwd:[\\\" near password: hunter2\",\"data\":{\"echo\":\"s3cr3t-value-123\"}}}";

        String redacted = redactor.redactJson(body);

        JsonNode parsed = Json.parse(redacted);
        assertThat(parsed.at("/error/message").asText()).doesNotContain("hunter2");
        assertThat(parsed.at("/error/data/echo").asText()).doesNotContain("s3cr3t-value-123").contains("REDACTED");
        assertThat(parsed.at("/error/code").asInt()).as("numbers are left alone").isEqualTo(-32600);
    }

    @Test
    void textThatIsNotJsonIsRedactedAsText() {
        assertThat(redactor.redactJson("oops s3cr3t-value-123")).doesNotContain("s3cr3t-value-123");
    }
}
