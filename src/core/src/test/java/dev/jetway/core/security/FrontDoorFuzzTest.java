package dev.jetway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.mcp.HttpHeaders;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * The HTTP + JSON-RPC edge under fuzzed requests: method, path, headers and body all come from the
 * fuzzer. Whatever arrives, the edge and the front door behind it must answer without throwing,
 * never with a 5xx, and every rejection (4xx) must be a well-formed JSON-RPC error.
 *
 * <p>Without {@code JAZZER_FUZZ=1} (the default surefire execution) only the seeds in
 * {@code src/test/resources/.../FrontDoorFuzzTestInputs/edgeAnswersEveryRequest} run; the "fuzz"
 * execution of this module sets it and generates inputs for {@code maxDuration}.
 */
class FrontDoorFuzzTest {

    private static final EdgeHarness HARNESS = new EdgeHarness("""
            gateway: {background_discovery: false, max_body_bytes: 65536}
            providers:
              alpha: {mode: remote, url: "https://alpha.example/mcp"}
            security:
              json: {max_depth: 32, max_batch: 8}
              rate_limits:
                per_provider: {requests_per_minute: 1000000, burst: 1000000}
            """);
    private static final String[] METHODS = {"POST", "GET", "DELETE", "PUT", "OPTIONS", "HEAD"};
    private static final String[] PATHS = {"/mcp", "/mcp?x=1", "/", "/.well-known/oauth-protected-resource", "/mcp/../x"};
    private static final String[][] HEADER_CHOICES = {
        {"Content-Type", "application/json", "text/plain", "application/json; charset=utf-8", ""},
        {"Accept", "application/json, text/event-stream", "application/json", "text/event-stream", "*/*", "text/html"},
        {"MCP-Protocol-Version", "2025-11-25", "2025-03-26", "2026-07-28", "1999-01-01", ""},
        {"Mcp-Session-Id", "unknown-session", ""},
        {"Mcp-Method", "tools/call", "tools/list", "initialize", "server/discover"},
        {"Mcp-Name", "alpha__echo", "beta__x", ""},
        {"Origin", "http://127.0.0.1:3000", "https://evil.example", "null"},
        {"Authorization", "Bearer jw_abc", "Basic eA=="},
    };

    @AfterAll
    static void close() {
        HARNESS.close();
    }

    @FuzzTest(maxDuration = "30s")
    void edgeAnswersEveryRequest(FuzzedDataProvider data) {
        String method = data.pickValue(METHODS);
        String path = data.consumeBoolean() ? data.pickValue(PATHS) : "/" + data.consumeString(20);
        List<String> headers = new ArrayList<>(List.of("Host", data.consumeBoolean() ? "127.0.0.1:8080" : data.consumeString(16)));
        for (String[] choice : HEADER_CHOICES) {
            if (data.consumeBoolean()) {
                String value = data.consumeBoolean() ? choice[1 + data.consumeInt(0, choice.length - 2)] : data.consumeString(40);
                headers.add(choice[0]);
                headers.add(value);
            }
        }
        byte[] body = data.consumeRemainingAsBytes();

        FrontDoorResponse response = HARNESS.edge.handle(new FrontDoorRequest(method, path,
                HttpHeaders.of(headers.toArray(String[]::new)), body));

        assertThat(response.status()).as("no 5xx").isBetween(100, 499);
        if (response instanceof FrontDoorResponse.EventStream stream) {
            drain(stream);
            return;
        }
        FrontDoorResponse.Complete complete = (FrontDoorResponse.Complete) response;
        if (complete.status() >= 400) assertJsonRpcError(complete);
    }

    private static void assertJsonRpcError(FrontDoorResponse.Complete response) {
        assertThat(response.headers().get("Content-Type")).startsWith("application/json");
        JsonNode body = Json.parse(response.bodyText());
        assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.has("id")).as("JSON-RPC errors carry an id, null when unknown").isTrue();
        assertThat(body.path("error").path("code").isInt()).isTrue();
        assertThat(body.path("error").path("message").isTextual()).isTrue();
        assertThat(body.has("result")).isFalse();
    }

    private static void drain(FrontDoorResponse.EventStream stream) {
        try {
            stream.body().writeTo(json -> Json.parse(json));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
