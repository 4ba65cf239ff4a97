package dev.jetway.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.local.SubprocessConnector;
import dev.jetway.local.TestTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AWS IAM callers end to end: the MCP Java SDK client signs every request with SigV4 (the AWS
 * SDK's signer, in the transport's request customizer), the emulated API Gateway route is
 * IAM-authorized (it verifies the signature and puts the signer into the request context), and the
 * gateway function maps the signer's ARN to roles for {@code security.policy}; server-everything
 * runs behind it.
 */
class IamAuthorizedGatewayTest {

    static final SigV4.Identity AGENT = new SigV4.Identity("ASIAAGENT0000000001", "agent-secret", "agent-session-token",
            "arn:aws:sts::123456789012:assumed-role/agents/build-bot", "123456789012");
    static final SigV4.Identity OPS = new SigV4.Identity("AKIAOPS000000000001", "ops-secret", null,
            "arn:aws:iam::123456789012:user/ops", "123456789012");
    static final SigV4.Identity STRANGER = new SigV4.Identity("AKIASTRANGER0000001", "stranger-secret", null,
            "arn:aws:iam::210987654321:user/someone", "210987654321");

    static LambdaGateway function;
    static ApiGatewayEmulator emulator;
    static final AtomicInteger invocations = new AtomicInteger();
    final List<McpSyncClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        function = new LambdaGateway(ConfigLoader.parse("""
                providers:
                  everything:
                    mode: subprocess
                    command: [node, "%s", stdio]
                security:
                  iam:
                    principals:
                      - {arn: "arn:aws:sts::123456789012:assumed-role/agents/*", roles: [agents]}
                      - {arn: "arn:aws:iam::123456789012:user/ops", roles: [operators]}
                  policy:
                    roles:
                      agents: {allow: ["everything__echo"]}
                      operators: {allow: ["everything__*"]}
                """.formatted(TestTools.serverEverything()), "iam.yaml"),
                new SubprocessConnector(TestTools.projectRoot(), Duration.ofSeconds(20), System.err::println),
                new InMemorySessionStore(), Clock.systemUTC());
        function.gateway().warm("everything");
        GatewayHandler handler = new GatewayHandler(function.edge());
        emulator = ApiGatewayEmulator.iamAuthorized((event, context) -> {
            invocations.incrementAndGet();
            return handler.handleRequest(event, context);
        }, Map.of(AGENT.accessKeyId(), AGENT, OPS.accessKeyId(), OPS, STRANGER.accessKeyId(), STRANGER));
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
        if (function != null) function.gateway().close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::closeGracefully);
    }

    /** An MCP client that signs every request it sends as {@code identity}. */
    McpSyncClient signedClient(SigV4.Identity identity) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(emulator.url("")).endpoint("/mcp")
                        .httpRequestCustomizer((builder, method, uri, body, context) ->
                                SigV4.sign(method, uri, SigV4.utf8(body), identity, Clock.systemUTC()).forEach(builder::setHeader))
                        .build())
                .requestTimeout(Duration.ofSeconds(20)).build();
        clients.add(client);
        client.initialize();
        return client;
    }

    static List<String> toolNames(McpSyncClient client) {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    @Test
    void an_agent_role_session_sees_and_calls_only_what_its_role_allows() {
        McpSyncClient agent = signedClient(AGENT);

        assertThat(toolNames(agent)).containsExactly("everything__echo");
        McpSchema.CallToolResult echoed = agent.callTool(new McpSchema.CallToolRequest("everything__echo", Map.of("message", "hi")));
        assertThat(((McpSchema.TextContent) echoed.content().get(0)).text()).contains("hi");
        assertThatThrownBy(() -> agent.callTool(new McpSchema.CallToolRequest("everything__get-sum", Map.of("a", 1, "b", 2))))
                .hasMessageContaining("everything__get-sum");
    }

    @Test
    void an_iam_user_mapped_to_another_role_sees_that_roles_tools() {
        McpSyncClient ops = signedClient(OPS);

        assertThat(toolNames(ops)).contains("everything__echo", "everything__get-sum");
        McpSchema.CallToolResult sum = ops.callTool(new McpSchema.CallToolRequest("everything__get-sum", Map.of("a", 20, "b", 22)));
        assertThat(((McpSchema.TextContent) sum.content().get(0)).text()).contains("42");
    }

    @Test
    void an_identity_that_matches_no_pattern_is_authenticated_but_may_use_nothing() {
        McpSyncClient stranger = signedClient(STRANGER);

        assertThat(toolNames(stranger)).isEmpty();
    }

    @Test
    void unsigned_and_badly_signed_requests_are_refused_before_the_function_runs() throws Exception {
        byte[] body = SigV4.utf8(Json.write(Json.object().put("jsonrpc", "2.0").put("id", 1).put("method", "ping")));
        URI uri = URI.create(emulator.url("/mcp"));
        SigV4.Identity wrongSecret = new SigV4.Identity(OPS.accessKeyId(), "not-the-secret", null, OPS.arn(), OPS.accountId());
        int before = invocations.get();

        HttpResponse<String> unsigned = post(uri, body, Map.of());
        HttpResponse<String> forged = post(uri, body, SigV4.sign("POST", uri, body, wrongSecret, Clock.systemUTC()));
        HttpResponse<String> spoofed = post(uri, body, Map.of("x-amzn-iam-user-arn", OPS.arn(),
                "x-amz-user-arn", OPS.arn(), "authorization", "AWS4-HMAC-SHA256 Credential=" + OPS.accessKeyId()
                        + "/20260101/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64),
                "x-amz-date", "20260101T000000Z"));

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("signature we calculated does not match");
        assertThat(spoofed.statusCode()).isEqualTo(403);
        assertThat(invocations.get()).as("the function never ran").isEqualTo(before);
    }

    @Test
    void a_signed_request_with_a_tampered_body_is_refused() throws Exception {
        URI uri = URI.create(emulator.url("/mcp"));
        byte[] signedBody = SigV4.utf8("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
        byte[] sentBody = SigV4.utf8("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");

        HttpResponse<String> response = post(uri, sentBody, SigV4.sign("POST", uri, signedBody, OPS, Clock.systemUTC()));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void the_callers_aws_credentials_never_reach_a_provider_and_a_401_explains_iam_when_the_identity_is_missing() {
        // Straight to the function, as if the route had no IAM authorizer: the gateway refuses rather than trusting headers.
        var event = PayloadSamples.load("initialize.json", null);
        event.getHeaders().put("authorization", "AWS4-HMAC-SHA256 Credential=" + OPS.accessKeyId() + "/x");
        event.getHeaders().put("x-amzn-iam-user-arn", OPS.arn());

        var response = new GatewayHandler(function.edge()).handleRequest(event, new InvocationContext("direct"));

        assertThat(response.getStatusCode()).isEqualTo(401);
        JsonNode error = Json.parse(response.getBody()).path("error");
        assertThat(error.path("message").asText()).contains("SigV4-signed").contains("without an IAM identity");
        assertThat(response.getHeaders()).doesNotContainKey("WWW-Authenticate");
    }

    private static HttpResponse<String> post(URI uri, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("content-type", "application/json").header("accept", "application/json, text/event-stream");
        headers.forEach(request::setHeader);
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
