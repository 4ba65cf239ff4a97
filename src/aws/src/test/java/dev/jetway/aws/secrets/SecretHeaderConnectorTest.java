package dev.jetway.aws.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.StreamableHttpConnector;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secret references in remote provider headers: the real SDK reads the secret from a WireMock
 * Secrets Manager, and a WireMock MCP server checks the header it receives.
 */
class SecretHeaderConnectorTest {

    static final String SECRET_JSON = "{\"token\":\"s3cr3t-t0ken\",\"region\":\"eu\"}";

    final WireMockServer aws = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final WireMockServer mcp = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final SecretsManagerClient client;
    final SecretHeaderConnector connector;

    SecretHeaderConnectorTest() {
        aws.start();
        mcp.start();
        client = SecretsManagerClient.builder().endpointOverride(URI.create(aws.baseUrl())).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        connector = new SecretHeaderConnector(new StreamableHttpConnector(Duration.ofSeconds(5)), new SecretsManagerSecrets(client));
        // An MCP server that answers initialize only when the resolved Authorization header arrives.
        mcp.stubFor(post(urlEqualTo("/mcp")).withHeader("Authorization", equalTo("Bearer s3cr3t-t0ken"))
                .withRequestBody(matchingJsonPath("$.method", equalTo("initialize")))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"jsonrpc":"2.0","id":"jw-1","result":{"protocolVersion":"2025-11-25","capabilities":{},
                         "serverInfo":{"name":"weather","version":"1"}}}""")));
        mcp.stubFor(post(urlEqualTo("/mcp")).withRequestBody(matchingJsonPath("$.method", equalTo("notifications/initialized")))
                .willReturn(aResponse().withStatus(202)));
    }

    @AfterEach
    void stop() {
        client.close();
        aws.stop();
        mcp.stop();
    }

    void secretsManagerHolds(String secretId, String secretString) {
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(equalToJson("{\"SecretId\":\"" + secretId + "\"}"))
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1").withBody(
                        "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + secretId + "-AbCdEf\","
                                + "\"Name\":\"" + secretId + "\",\"SecretString\":" + quoted(secretString)
                                + ",\"VersionId\":\"v1\",\"CreatedDate\":1.7E9}")));
    }

    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    ProviderSpec remoteWithHeaders(Map<String, String> headers) {
        return new ProviderSpec(ProviderMode.REMOTE, null, mcp.baseUrl() + "/mcp", null, null, headers, 0, 0, 0, null, null);
    }

    @Test
    void aJsonKeyOfASecretIsSubstitutedIntoTheHeaderTheProviderReceives() {
        secretsManagerHolds("prod/weather", SECRET_JSON);

        UpstreamSession session = connector.connect("weather",
                remoteWithHeaders(Map.of("Authorization", "Bearer ${secretsmanager:prod/weather#token}")), UpstreamListener.NONE);

        assertThat(session.initializeResult().path("serverInfo").path("name").asText()).isEqualTo("weather");
        aws.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(equalToJson("{\"SecretId\":\"prod/weather\"}")));
    }

    @Test
    void aSecretIsReadOnceAndServesEveryLaterConnection() {
        secretsManagerHolds("prod/weather", SECRET_JSON);
        ProviderSpec spec = remoteWithHeaders(Map.of("Authorization", "Bearer ${secretsmanager:prod/weather#token}",
                "X-Region", "${secretsmanager:prod/weather#region}"));

        connector.connect("weather", spec, UpstreamListener.NONE).close();
        connector.connect("weather", spec, UpstreamListener.NONE).close();

        aws.verify(1, postRequestedFor(urlEqualTo("/")));
        assertThat(mcp.findAll(postRequestedFor(urlEqualTo("/mcp")).withHeader("X-Region", equalTo("eu")))).isNotEmpty();
    }

    @Test
    void aWholeSecretStringCanBeTheHeaderValue() {
        secretsManagerHolds("prod/weather-token", "s3cr3t-t0ken");

        UpstreamSession session = connector.connect("weather",
                remoteWithHeaders(Map.of("Authorization", "Bearer ${secretsmanager:prod/weather-token}")), UpstreamListener.NONE);

        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void aMissingKeyNamesSecretKeyAndHeaderButNeverTheSecretsContent() {
        secretsManagerHolds("prod/weather", SECRET_JSON);

        assertThatThrownBy(() -> connector.connect("weather",
                remoteWithHeaders(Map.of("Authorization", "Bearer ${secretsmanager:prod/weather#apiKey}")), UpstreamListener.NONE))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("provider 'weather'").hasMessageContaining("header 'Authorization'")
                .hasMessageContaining("secret 'prod/weather' has no text or number at key 'apiKey'")
                .hasMessageNotContaining("s3cr3t").hasMessageNotContaining("eu\"");
    }

    @Test
    void aSecretThatDoesNotExistIsAClearErrorAndIsAskedForAgainNextTime() {
        aws.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}")));
        ProviderSpec spec = remoteWithHeaders(Map.of("Authorization", "Bearer ${secretsmanager:prod/absent#token}"));

        assertThatThrownBy(() -> connector.connect("weather", spec, UpstreamListener.NONE))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("secret 'prod/absent' does not exist in this account and region");
        assertThatThrownBy(() -> connector.connect("weather", spec, UpstreamListener.NONE));
        aws.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void headersWithoutReferencesAreSentAsTheyAreWithoutAskingSecretsManager() {
        mcp.stubFor(post(urlEqualTo("/mcp")).withHeader("Authorization", equalTo("Bearer plain"))
                .withRequestBody(matchingJsonPath("$.method", equalTo("initialize")))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"jsonrpc":"2.0","id":"jw-1","result":{"protocolVersion":"2025-11-25","capabilities":{},
                         "serverInfo":{"name":"plain","version":"1"}}}""")));

        UpstreamSession session = connector.connect("plain", remoteWithHeaders(Map.of("Authorization", "Bearer plain")),
                UpstreamListener.NONE);

        assertThat(session.initializeResult().path("serverInfo").path("name").asText()).isEqualTo("plain");
        aws.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void aMalformedReferenceIsFoundAtStartUpNamingProviderAndHeader() {
        Map<String, ProviderSpec> providers = Map.of("weather",
                remoteWithHeaders(Map.of("Authorization", "Bearer ${secretsmanager:prod/weather#token")));

        assertThatThrownBy(() -> SecretHeaderConnector.anyReferenced(providers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("providers.weather.headers.Authorization: malformed secret reference");
        assertThat(SecretHeaderConnector.anyReferenced(Map.of("weather",
                remoteWithHeaders(Map.of("Authorization", "${secretsmanager:a#b}"))))).isTrue();
    }
}
