package dev.jetway.aws.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.json.Json;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamErrorException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The real SDK's Invoke calls against WireMock stubs that check the exact request. */
class LambdaProviderConnectorTest {

    static final String INVOCATIONS = "/2015-03-31/functions/mcp-weather/invocations";
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final LambdaClient client;
    final LambdaProviderConnector connector;

    LambdaProviderConnectorTest() {
        server.start();
        client = LambdaClient.builder().endpointOverride(URI.create(server.baseUrl())).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        connector = new LambdaProviderConnector(client, TIMEOUT);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    static ProviderSpec lambda(String url) {
        return new ProviderSpec(ProviderMode.LAMBDA, null, url, null, null, null, 0, 0, 0, null, null);
    }

    void functionAnswers(String method, String payload) {
        server.stubFor(post(urlPathEqualTo(INVOCATIONS)).withRequestBody(matchingJsonPath("$.method", equalTo(method)))
                .willReturn(aResponse().withStatus(200).withHeader("X-Amz-Executed-Version", "7").withBody(payload)));
    }

    void functionInitializes() {
        functionAnswers("initialize", """
                {"jsonrpc":"2.0","id":"jw-1","result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{}},
                 "serverInfo":{"name":"weather","version":"1.0"}}}""");
        server.stubFor(post(urlPathEqualTo(INVOCATIONS)).withHeader("X-Amz-Invocation-Type", equalTo("Event"))
                .willReturn(aResponse().withStatus(202)));
    }

    @Test
    void eachRequestIsOneSynchronousInvokeOfTheQualifiedFunctionWithTheJsonRpcMessageAsPayload() {
        functionInitializes();
        functionAnswers("tools/call", """
                {"jsonrpc":"2.0","id":"jw-2","result":{"content":[{"type":"text","text":"sunny"}],"extra":{"kept":true}}}""");

        UpstreamSession session = connector.connect("weather", lambda("mcp-weather:live"), UpstreamListener.NONE);
        ObjectNode params = Json.object().put("name", "forecast");
        params.putObject("arguments").put("city", "Lisbon");
        ObjectNode result = session.request("tools/call", params, UpstreamListener.NONE, TIMEOUT);

        assertThat(session.initializeResult().path("serverInfo").path("name").asText()).isEqualTo("weather");
        assertThat(result.path("content").get(0).path("text").asText()).isEqualTo("sunny");
        assertThat(result.path("extra").path("kept").asBoolean()).as("unknown result fields pass through").isTrue();
        server.verify(1, postRequestedFor(urlPathEqualTo(INVOCATIONS))
                .withQueryParam("Qualifier", equalTo("live"))
                .withHeader("X-Amz-Invocation-Type", equalTo("RequestResponse"))
                .withRequestBody(equalToJson("""
                        {"jsonrpc":"2.0","id":"jw-2","method":"tools/call",
                         "params":{"name":"forecast","arguments":{"city":"Lisbon"}}}""")));
        server.verify(1, postRequestedFor(urlPathEqualTo(INVOCATIONS))
                .withHeader("X-Amz-Invocation-Type", equalTo("Event"))
                .withRequestBody(equalToJson("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")));
    }

    @Test
    void aFunctionErrorBecomesAnUnavailableProviderNamingTheProviderTheFunctionAndTheError() {
        server.stubFor(post(urlPathEqualTo(INVOCATIONS)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Amz-Function-Error", "Unhandled")
                .withBody("{\"errorType\":\"Runtime.ImportModuleError\",\"errorMessage\":\"Cannot find module 'index'\"}")));

        assertThatThrownBy(() -> connector.connect("weather", lambda("mcp-weather"), UpstreamListener.NONE))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("provider 'weather'").hasMessageContaining("function mcp-weather failed (Unhandled)")
                .hasMessageContaining("Runtime.ImportModuleError: Cannot find module 'index'");
    }

    @Test
    void throttlingIsRetriedByTheSdkThenReportedAsThrottledNamingTheProvider() {
        server.stubFor(post(urlPathEqualTo(INVOCATIONS)).willReturn(aResponse().withStatus(429)
                .withHeader("x-amzn-ErrorType", "TooManyRequestsException")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\",\"Type\":\"User\","
                        + "\"message\":\"Rate Exceeded.\"}")));

        assertThatThrownBy(() -> connector.connect("weather", lambda("mcp-weather"), UpstreamListener.NONE))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("provider 'weather'")
                .hasMessageContaining("function mcp-weather is throttled (ReservedFunctionConcurrentInvocationLimitExceeded)");
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo(INVOCATIONS))).size())
                .as("the SDK's standard retry strategy retried the throttled call before giving up").isGreaterThan(1);
    }

    @Test
    void aJsonRpcErrorFromTheFunctionIsPassedOnAsTheProvidersError() {
        functionInitializes();
        functionAnswers("tools/call", """
                {"jsonrpc":"2.0","id":"jw-2","error":{"code":-32602,"message":"unknown tool","data":{"tool":"x"}}}""");
        UpstreamSession session = connector.connect("weather", lambda("mcp-weather"), UpstreamListener.NONE);

        assertThatThrownBy(() -> session.request("tools/call", Json.object().put("name", "x"), UpstreamListener.NONE, TIMEOUT))
                .isInstanceOfSatisfying(UpstreamErrorException.class, e -> {
                    assertThat(e.provider()).isEqualTo("weather");
                    assertThat(e.error().path("code").asInt()).isEqualTo(-32602);
                    assertThat(e.error().path("data").path("tool").asText()).isEqualTo("x");
                });
    }

    @Test
    void aMissingFunctionSaysSo() {
        server.stubFor(post(urlPathEqualTo(INVOCATIONS)).willReturn(aResponse().withStatus(404)
                .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .withBody("{\"Type\":\"User\",\"message\":\"Function not found\"}")));

        assertThatThrownBy(() -> connector.connect("weather", lambda("mcp-weather"), UpstreamListener.NONE))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("provider 'weather'").hasMessageContaining("function mcp-weather does not exist");
    }

    @Test
    void aPayloadThatIsNoJsonRpcResponseIsRefusedWithWhatCameBack() {
        functionAnswers("initialize", "\"hello from the function\"");

        assertThatThrownBy(() -> connector.connect("weather", lambda("mcp-weather"), UpstreamListener.NONE))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered initialize without a JSON-RPC response: \"hello from the function\"");
    }

    @Test
    void anArnWithAnAliasIsInvokedByItsUnqualifiedArnAndTheAliasAsQualifier() {
        FunctionTarget target = FunctionTarget.parse("arn:aws:lambda:eu-west-1:123456789012:function:mcp-weather:live");

        assertThat(target.functionName()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:mcp-weather");
        assertThat(target.qualifier()).isEqualTo("live");
        assertThat(FunctionTarget.parse("mcp-weather").qualifier()).isNull();
    }

    @Test
    void aUrlThatNamesNoFunctionIsRefusedWithTheAcceptedForms() {
        assertThatThrownBy(() -> connector.connect("weather", lambda("https://example.com/mcp"), UpstreamListener.NONE))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("provider 'weather'")
                .hasMessageContaining("expected NAME, NAME:VERSION_OR_ALIAS or arn:aws:lambda");
    }
}
