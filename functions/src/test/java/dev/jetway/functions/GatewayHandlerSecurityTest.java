package dev.jetway.functions;

import static dev.jetway.functions.PayloadSamples.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.core.upstream.ProviderUnavailableException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The function serves the front door behind the security edge: OAuth challenge, metadata document, SSRF guard. */
class GatewayHandlerSecurityTest {

    static final String HOST = "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com";
    final AtomicInteger connects = new AtomicInteger();
    final LambdaGateway function = new LambdaGateway(ConfigLoader.parse("""
            gateway:
              allowed_hosts: [%s]
            providers:
              everything: {mode: remote, url: "https://everything.example/mcp"}
            security:
              oauth:
                resource: https://%s/mcp
                issuer: https://auth.example.com/
                jwks_uri: https://auth.example.com/.well-known/jwks.json
                required_scopes: [mcp:tools]
            """.formatted(HOST, HOST), "handler-security.yaml"),
            (name, spec, listener) -> {
                connects.incrementAndGet();
                throw new ProviderUnavailableException(name, "not reached in this test");
            }, new InMemorySessionStore(), Clock.systemUTC());
    final GatewayHandler handler = new GatewayHandler(function.edge());

    APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new InvocationContext(event.getRequestContext().getRequestId()));
    }

    @Test
    void a_request_without_a_token_gets_401_with_a_bearer_challenge_naming_the_metadata_document() {
        APIGatewayV2HTTPResponse response = invoke(load("initialize.json", null));

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders().get("WWW-Authenticate")).startsWith("Bearer ")
                .contains("resource_metadata=\"https://" + HOST + "/.well-known/oauth-protected-resource/mcp\"");
        assertThat(Json.parse(response.getBody()).path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(connects.get()).as("no provider is reached without a token").isZero();
    }

    @Test
    void a_forged_token_is_refused_before_the_front_door() {
        APIGatewayV2HTTPEvent event = load("tools-list.json", "s");
        event.getHeaders().put("authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");

        APIGatewayV2HTTPResponse response = invoke(event);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders().get("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void the_protected_resource_metadata_is_served_without_authentication() {
        APIGatewayV2HTTPEvent event = load("get-stream.json", null);
        event.setRawPath("/.well-known/oauth-protected-resource/mcp");
        event.getRequestContext().getHttp().setPath("/.well-known/oauth-protected-resource/mcp");
        event.getHeaders().put("accept", "application/json");

        APIGatewayV2HTTPResponse response = invoke(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode document = Json.parse(response.getBody());
        assertThat(document.path("resource").asText()).isEqualTo("https://" + HOST + "/mcp");
        assertThat(document.path("authorization_servers").get(0).asText()).isEqualTo("https://auth.example.com/");
        assertThat(document.path("scopes_supported").toString()).contains("mcp:tools");
    }

    @Test
    void a_remote_provider_on_a_private_address_is_refused_by_the_functions_connector() {
        GatewayConfig config = ConfigLoader.parse("""
                providers:
                  metadata: {mode: remote, url: "http://169.254.169.254/latest/meta-data"}
                """, "ssrf.yaml");
        var connector = LambdaGateway.awsConnector(config, LambdaSettings.fromEnvironment(java.util.Map.of()));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connector.connect("metadata",
                        config.providers().get("metadata"), dev.jetway.core.upstream.UpstreamListener.NONE))
                .hasMessageContaining("169.254.169.254");
    }

    @Test
    void the_functions_own_jar_registers_the_pinning_resolver_so_dns_answers_are_checked_at_connect()
            throws java.io.IOException {
        // The function's own resources (what the shaded jar carries), not the local runner's jar that
        // is also on the test class path and registers the same provider.
        java.nio.file.Path services = java.nio.file.Path.of("target", "classes", "META-INF", "services",
                java.net.spi.InetAddressResolverProvider.class.getName());

        assertThat(java.nio.file.Files.readString(services).trim())
                .isEqualTo(dev.jetway.core.security.PinningResolverProvider.class.getName());
    }
}
