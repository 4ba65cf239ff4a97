package dev.jetway.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.jetway.functions.PayloadSamples.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.jetway.aws.lambda.LambdaProviderConnector;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.core.upstream.ProviderConnector;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Providers see the gateway's trace: a remote provider (a recording Streamable HTTP MCP server on
 * loopback) gets a W3C {@code traceparent} naming the provider call's span, next to the headers its
 * config sets; a lambda provider's Invoke carries the trace as X-Ray's {@code X-Amzn-Trace-Id}. The
 * gateway is wired as the function wires it without a table, and invoked through its handler.
 */
class ProviderTraceContextTest {

    static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";
    static final String LAMBDA_SEGMENT = "53995c3f42cd8ad8";
    static final String CLIENT_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    static final String PROVIDER_TOKEN = "Bearer provider-secret";
    static final String INVOCATIONS = "/2015-03-31/functions/mcp-everything/invocations";

    final WireMockServer provider = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    volatile String sampled = "1";
    final OpenTelemetryTracing tracing = new OpenTelemetryTracing(SimpleSpanProcessor.create(spans), Resource.empty(),
            () -> "Root=1-" + TRACE_ID.substring(0, 8) + "-" + TRACE_ID.substring(8) + ";Parent=" + LAMBDA_SEGMENT
                    + ";Sampled=" + sampled, Duration.ofSeconds(1));

    ProviderTraceContextTest() {
        provider.start();
        mcpAnswers("initialize", """
                {"protocolVersion":"2025-11-25","capabilities":{"tools":{}},"serverInfo":{"name":"everything","version":"1.0"}}""");
        mcpAnswers("tools/list", "{\"tools\":[{\"name\":\"get-sum\",\"inputSchema\":{\"type\":\"object\"}}]}");
        mcpAnswers("tools/call", "{\"content\":[{\"type\":\"text\",\"text\":\"The sum of 2 and 3 is 5.\"}]}");
        provider.stubFor(post(urlEqualTo("/mcp")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.method", equalTo("notifications/initialized")))
                .willReturn(aResponse().withStatus(202)));
    }

    @AfterEach
    void stop() {
        provider.stop();
    }

    void mcpAnswers(String method, String result) {
        provider.stubFor(post(urlEqualTo("/mcp")).withRequestBody(matchingJsonPath("$.method", equalTo(method)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"jsonrpc\":\"2.0\",\"id\":\"{{jsonPath request.body '$.id'}}\",\"result\":" + result + "}")
                        .withTransformers("response-template")));
    }

    /** The Lambda API's Invoke of the provider function, answering {@code method} with {@code result}. */
    void functionAnswers(String method, String result) {
        provider.stubFor(post(urlPathEqualTo(INVOCATIONS)).withRequestBody(matchingJsonPath("$.method", equalTo(method)))
                .willReturn(aResponse().withStatus(200)
                        .withBody("{\"jsonrpc\":\"2.0\",\"id\":\"{{jsonPath request.body '$.id'}}\",\"result\":" + result + "}")
                        .withTransformers("response-template")));
    }

    GatewayConfig remoteConfig() {
        return ConfigLoader.parse("""
                gateway:
                  allowed_hosts: [a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com]
                providers:
                  everything:
                    mode: remote
                    url: %s/mcp
                    headers:
                      Authorization: %s
                security:
                  providers:
                    everything: {allow_private_network: true}
                """.formatted(provider.baseUrl(), PROVIDER_TOKEN), "jetway.yaml");
    }

    /** The function's wiring without a table: remote providers through the function's own connector, traced. */
    GatewayHandler remoteGateway(LambdaTracing tracing) {
        GatewayConfig config = remoteConfig();
        ProviderConnector connector = tracing.traced(LambdaGateway.awsConnector(config, new LambdaSettings("jetway.yaml"),
                tracing));
        return new GatewayHandler(new LambdaGateway(config, connector, new InMemorySessionStore(), Clock.systemUTC()).edge(),
                tracing);
    }

    /** A stateless tools/call whose client sent trace headers of its own. */
    static APIGatewayV2HTTPEvent toolsCallWithTheClientsTraceHeaders() {
        APIGatewayV2HTTPEvent event = load("stateless-tools-call.json", null);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("traceparent", "00-" + CLIENT_TRACE_ID + "-b7ad6b7169203331-01");
        headers.put("tracestate", "client=1");
        event.setHeaders(headers);
        return event;
    }

    LoggedRequest providerReceived(String method) {
        List<LoggedRequest> requests = provider.findAll(postRequestedFor(urlEqualTo("/mcp"))
                .withRequestBody(matchingJsonPath("$.method", equalTo(method))));
        assertThat(requests).as("one " + method + " reached the provider").hasSize(1);
        return requests.get(0);
    }

    SpanData span(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span '" + name + "' in "
                        + spans.getFinishedSpanItems().stream().map(SpanData::getName).toList()));
    }

    @Test
    void aRemoteProviderReceivesATraceparentWhoseParentIsTheProviderCallSpan() {
        APIGatewayV2HTTPResponse response = remoteGateway(tracing).handleRequest(toolsCallWithTheClientsTraceHeaders(),
                new InvocationContext("req-remote"));

        assertThat(response.getBody()).contains("The sum of 2 and 3 is 5.");
        SpanData call = span("tools/call get-sum");
        assertThat(call.getTraceId()).as("the provider call is in the invocation's trace").isEqualTo(TRACE_ID);
        assertThat(providerReceived("tools/call").getHeader("traceparent"))
                .as("trace id of the invocation, parent id of the exported provider-call span, sampled")
                .isEqualTo("00-" + TRACE_ID + "-" + call.getSpanId() + "-01");
        assertThat(providerReceived("initialize").getHeader("traceparent"))
                .as("the handshake is traced under the connect span")
                .isEqualTo("00-" + TRACE_ID + "-" + span("connect everything").getSpanId() + "-01");
    }

    @Test
    void theClientsOwnTraceHeadersAreNeverForwardedToTheProvider() {
        remoteGateway(tracing).handleRequest(toolsCallWithTheClientsTraceHeaders(), new InvocationContext("req-client"));

        LoggedRequest call = providerReceived("tools/call");
        assertThat(call.getHeaders().getHeader("traceparent").values()).as("only the gateway's own traceparent, once")
                .singleElement().asString().doesNotContain(CLIENT_TRACE_ID);
        assertThat(call.getHeaders().getHeader("tracestate").isPresent())
                .as("the client's tracestate is not passed on (the gateway's context has none)").isFalse();
    }

    @Test
    void theTraceHeadersNeverReplaceTheProvidersConfiguredAuthorization() {
        remoteGateway(tracing).handleRequest(toolsCallWithTheClientsTraceHeaders(), new InvocationContext("req-auth"));

        for (String method : List.of("initialize", "tools/call")) {
            assertThat(providerReceived(method).getHeaders().getHeader("Authorization").values())
                    .as("the configured credential reaches the provider on " + method + ", exactly once")
                    .containsExactly(PROVIDER_TOKEN);
        }
    }

    @Test
    void withTracingOffNoTraceparentIsSentAndTheConfiguredHeadersStillAre() {
        APIGatewayV2HTTPResponse response = remoteGateway(LambdaTracing.OFF).handleRequest(
                toolsCallWithTheClientsTraceHeaders(), new InvocationContext("req-off"));

        assertThat(response.getBody()).contains("The sum of 2 and 3 is 5.");
        for (String method : List.of("initialize", "tools/call")) {
            LoggedRequest request = providerReceived(method);
            assertThat(request.getHeaders().getHeader("traceparent").isPresent()).as("no traceparent on " + method).isFalse();
            assertThat(request.getHeaders().getHeader("tracestate").isPresent()).as("no tracestate on " + method).isFalse();
            assertThat(request.getHeader("Authorization")).isEqualTo(PROVIDER_TOKEN);
        }
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void aTraceLambdaDidNotSampleReachesTheProviderAsNotSampled() {
        sampled = "0";

        remoteGateway(tracing).handleRequest(toolsCallWithTheClientsTraceHeaders(), new InvocationContext("req-unsampled"));

        assertThat(providerReceived("tools/call").getHeader("traceparent"))
                .as("same trace, sampled flag off, so the provider does not record it either")
                .startsWith("00-" + TRACE_ID + "-").endsWith("-00");
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void aLambdaProvidersInvokeCarriesTheTraceAsXrayAndItsJsonRpcPayloadIsLeftAsItWas() {
        provider.stubFor(post(urlPathEqualTo(INVOCATIONS)).atPriority(1)
                .withHeader("X-Amz-Invocation-Type", equalTo("Event")).willReturn(aResponse().withStatus(202)));
        functionAnswers("initialize", """
                {"protocolVersion":"2025-11-25","capabilities":{"tools":{}},"serverInfo":{"name":"f","version":"1"}}""");
        functionAnswers("tools/list", "{\"tools\":[{\"name\":\"get-sum\",\"inputSchema\":{\"type\":\"object\"}}]}");
        functionAnswers("tools/call", "{\"content\":[{\"type\":\"text\",\"text\":\"The sum of 2 and 3 is 5.\"}]}");
        GatewayConfig config = ConfigLoader.parse("""
                gateway:
                  allowed_hosts: [a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com]
                providers:
                  everything:
                    mode: lambda
                    url: mcp-everything
                """, "jetway.yaml");
        LambdaClient lambda = LambdaClient.builder().endpointOverride(URI.create(provider.baseUrl())).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(tracing::instrument).build();
        ProviderConnector connector = tracing.traced(new AwsConnector((n, s, l) -> {
            throw new AssertionError("no remote provider here");
        }, new LambdaProviderConnector(lambda, Duration.ofSeconds(5))));
        GatewayHandler handler = new GatewayHandler(new LambdaGateway(config, connector, new InMemorySessionStore(),
                Clock.systemUTC()).edge(), tracing);

        APIGatewayV2HTTPResponse response = handler.handleRequest(toolsCallWithTheClientsTraceHeaders(),
                new InvocationContext("req-lambda"));

        assertThat(response.getBody()).contains("The sum of 2 and 3 is 5.");
        LoggedRequest invoke = provider.findAll(postRequestedFor(urlPathEqualTo(INVOCATIONS))
                .withRequestBody(matchingJsonPath("$.method", equalTo("tools/call")))).get(0);
        SpanData call = span("tools/call get-sum");
        SpanData sdkInvoke = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getParentSpanId().equals(call.getSpanId()) && s.getName().equals("Lambda.Invoke"))
                .findFirst().orElseThrow(() -> new AssertionError("no Lambda.Invoke span under the provider call"));
        assertThat(invoke.getHeader("X-Amzn-Trace-Id")).as("Lambda continues this trace in a provider function it traces")
                .isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=" + sdkInvoke.getSpanId() + ";Sampled=1");
        assertThat(invoke.getHeaders().getHeader("traceparent").isPresent()).isFalse();
        assertThat(Json.parse(invoke.getBodyAsString()).path("params").path("_meta").has("traceparent"))
                .as("the JSON-RPC request is passed on as the client sent it").isFalse();
        lambda.close();
    }
}
