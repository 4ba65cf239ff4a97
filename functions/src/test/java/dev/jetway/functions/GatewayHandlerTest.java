package dev.jetway.functions;

import static dev.jetway.functions.PayloadSamples.lastMessage;
import static dev.jetway.functions.PayloadSamples.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.local.SubprocessConnector;
import dev.jetway.local.TestTools;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handler as Lambda calls it: payload v2 samples (src/test/resources/events) in, the
 * response object out, with {@code @modelcontextprotocol/server-everything} as a stdio provider
 * behind the gateway (the local runner's subprocess connector stands in for a remote provider).
 */
class GatewayHandlerTest {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    static LambdaGateway function;
    static GatewayHandler handler;
    static String sessionId;

    @BeforeAll
    static void wireTheFunctionWithServerEverything() {
        GatewayConfig config = ConfigLoader.parse("""
                gateway:
                  allowed_hosts: [a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com]
                  request_timeout_s: %d
                providers:
                  everything:
                    mode: subprocess
                    command: [node, "%s", stdio]
                """.formatted(REQUEST_TIMEOUT.toSeconds(), TestTools.serverEverything()), "handler-test.yaml");
        function = new LambdaGateway(config, new SubprocessConnector(TestTools.projectRoot(), REQUEST_TIMEOUT,
                System.err::println), new InMemorySessionStore(), Clock.systemUTC());
        function.gateway().warm("everything");
        handler = new GatewayHandler(function.frontDoor());
        sessionId = newSession();
    }

    @AfterAll
    static void stop() {
        if (function != null) function.gateway().close();
    }

    static APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new InvocationContext(event.getRequestContext().getRequestId()));
    }

    static String newSession() {
        APIGatewayV2HTTPResponse response = invoke(load("initialize.json", null));
        return response.getHeaders().get("Mcp-Session-Id");
    }

    static List<String> toolNames(JsonNode message) {
        List<String> names = new ArrayList<>();
        message.path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    @Test
    void initializeAnswersWithASessionIdAndTheNegotiatedVersion() {
        APIGatewayV2HTTPResponse response = invoke(load("initialize.json", null));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("Mcp-Session-Id")).isNotBlank();
        assertThat(lastMessage(response).path("result").path("protocolVersion").asText()).isEqualTo("2025-11-25");
    }

    @Test
    void theInitializedNotificationIsAccepted() {
        assertThat(invoke(load("initialized-notification.json", sessionId)).getStatusCode()).isEqualTo(202);
    }

    @Test
    void toolsListShowsTheProvidersToolsUnderItsName() {
        APIGatewayV2HTTPResponse response = invoke(load("tools-list.json", sessionId));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(toolNames(lastMessage(response))).contains("everything__get-sum", "everything__echo");
    }

    @Test
    void toolsCallIsAnsweredInOneBufferedEventStream() {
        APIGatewayV2HTTPResponse response = invoke(load("tools-call.json", sessionId));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/event-stream");
        assertThat(response.getBody()).startsWith("event: message\ndata: ").endsWith("\n\n");
        JsonNode result = lastMessage(response).path("result");
        assertThat(result.path("content").get(0).path("text").asText()).contains("5");
    }

    @Test
    void aBase64EncodedBodyIsDecodedBeforeTheFrontDoorReadsIt() {
        APIGatewayV2HTTPEvent event = load("tools-call-base64.json", sessionId);
        assertThat(event.getIsBase64Encoded()).as("the sample carries its body base64-encoded").isTrue();
        assertThat(new String(Base64.getDecoder().decode(event.getBody()))).contains("tools/call");

        APIGatewayV2HTTPResponse response = invoke(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(lastMessage(response).path("result").path("content").get(0).path("text").asText())
                .as("UTF-8 text inside the base64 body survives").contains("héllo, wörld");
    }

    @Test
    void headerNamesAreFoundWhateverTheirCase() {
        APIGatewayV2HTTPResponse response = invoke(load("tools-list-mixed-case-headers.json", sessionId));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(toolNames(lastMessage(response))).contains("everything__get-sum");
    }

    @Test
    void cookiesSplitOutByApiGatewayDoNotDisturbTheRequest() {
        APIGatewayV2HTTPEvent event = load("tools-list-with-cookies.json", sessionId);
        assertThat(event.getCookies()).containsExactly("AWSALB=abc123", "theme=dark");

        APIGatewayV2HTTPResponse response = invoke(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(toolNames(lastMessage(response))).contains("everything__echo");
    }

    @Test
    void getIsAnswered405WithAJsonRpcBodyThatSaysWhy() {
        APIGatewayV2HTTPResponse response = invoke(load("get-stream.json", sessionId));

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsEntry("Allow", "POST, DELETE");
        JsonNode error = Json.parse(response.getBody()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(-32600);
        assertThat(error.path("message").asText()).contains("buffers every response").contains("Use POST");
    }

    @Test
    void deleteEndsTheSessionAndItsNextRequestIs404() {
        String ended = newSession();

        APIGatewayV2HTTPResponse deleted = invoke(load("delete-session.json", ended));
        APIGatewayV2HTTPResponse after = invoke(load("tools-list.json", ended));

        assertThat(deleted.getStatusCode()).isEqualTo(200);
        assertThat(after.getStatusCode()).isEqualTo(404);
    }

    @Test
    void theStatelessEraListsToolsWithoutASession() {
        APIGatewayV2HTTPResponse response = invoke(load("stateless-tools-list.json", null));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(toolNames(lastMessage(response))).contains("everything__get-sum");
        assertThat(lastMessage(response).path("result").path("resultType").asText()).isEqualTo("complete");
    }

    @Test
    void progressNotificationsOfALongRunningToolArriveInTheBufferedStreamBeforeTheResult() {
        APIGatewayV2HTTPEvent event = load("tools-call.json", sessionId);
        event.setBody("""
                {"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"everything__trigger-long-running-operation",
                 "arguments":{"duration":1,"steps":2},"_meta":{"progressToken":"p-1"}}}""");

        APIGatewayV2HTTPResponse response = invoke(event);

        // server-everything may also log (e.g. "Roots updated") while the call is in flight; that rides along.
        List<JsonNode> messages = response.getBody().lines().filter(l -> l.startsWith("data: "))
                .map(l -> Json.parse(l.substring(6))).toList();
        List<JsonNode> progress = messages.stream()
                .filter(m -> m.path("method").asText().equals("notifications/progress")).toList();
        assertThat(progress).as("two progress notifications").hasSize(2);
        assertThat(progress).allSatisfy(p -> assertThat(p.path("params").path("progressToken").asText()).isEqualTo("p-1"));
        assertThat(messages.get(messages.size() - 1).has("result")).as("then the result, last").isTrue();
    }

    @Test
    void aSamplingRequestDuringABufferedCallFailsAtOnceInsteadOfWaitingForTheTimeout() {
        APIGatewayV2HTTPEvent event = load("tools-call.json", sessionId);
        event.setBody("""
                {"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"everything__trigger-sampling-request",
                 "arguments":{"prompt":"hello"}}}""");

        long started = System.nanoTime();
        APIGatewayV2HTTPResponse response = invoke(event);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("the client can never answer a request carried in a buffered response, so the "
                + "gateway refuses it at once; waiting would only end at the request timeout").isLessThan(REQUEST_TIMEOUT.dividedBy(4));
        assertThat(response.getBody()).contains("buffers responses");
    }
}
