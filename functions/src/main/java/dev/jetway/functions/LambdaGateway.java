package dev.jetway.functions;

import dev.jetway.aws.lambda.LambdaProviderConnector;
import dev.jetway.aws.secrets.SecretHeaderConnector;
import dev.jetway.aws.secrets.SecretsManagerSecrets;
import dev.jetway.core.config.ConfigException;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.mcp.FrontDoor;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.core.mcp.SessionStore;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.StreamableHttpConnector;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The gateway function's composition root: plain constructor wiring, done once per Lambda
 * instance (before the SnapStart snapshot when SnapStart is on). No provider starts here.
 */
final class LambdaGateway {

    private final Gateway gateway;
    private final FrontDoor frontDoor;

    /** Wires the parts; tests pass their own connector and session store. */
    LambdaGateway(GatewayConfig config, ProviderConnector connector, SessionStore sessions, Clock clock) {
        this.gateway = Gateway.startingOnFirstUse(config, connector);
        // A buffered Lambda response cannot hold a GET event stream open: canHoldStreams is false.
        this.frontDoor = new FrontDoor(gateway, sessions, clock, false);
    }

    /** The real wiring, from the function's environment variables. */
    static LambdaGateway fromEnvironment(Map<String, String> environment) {
        LambdaSettings settings = LambdaSettings.fromEnvironment(environment);
        GatewayConfig config = settings.loadConfig();
        Duration timeout = config.settings().requestTimeout();
        ProviderConnector connector = new AwsConnector(remoteProviders(config, settings), lambdaProviders(config));
        // Sessions live in this instance only, until a store shared by all instances (DynamoDB) is
        // wired here: a client whose requests reach another instance must initialize again.
        SessionStore sessions = new InMemorySessionStore();
        return new LambdaGateway(config, connector, sessions, Clock.systemUTC());
    }

    /** Remote providers over Streamable HTTP; a Secrets Manager client only when a header references a secret. */
    private static ProviderConnector remoteProviders(GatewayConfig config, LambdaSettings settings) {
        ProviderConnector http = new StreamableHttpConnector(config.settings().requestTimeout());
        boolean referencesSecrets;
        try {
            referencesSecrets = SecretHeaderConnector.anyReferenced(config.providers());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(settings.configLocation(), "", e.getMessage(), e);
        }
        if (!referencesSecrets) return http;
        SecretsManagerClient client = SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        return new SecretHeaderConnector(http, new SecretsManagerSecrets(client));
    }

    /** The Lambda client is built only when a provider needs it: it costs cold-start time. */
    private static ProviderConnector lambdaProviders(GatewayConfig config) {
        boolean needed = config.providers().values().stream().anyMatch(p -> p.mode() == ProviderMode.LAMBDA);
        if (!needed) return (name, spec, listener) -> { throw new IllegalStateException("no lambda provider is configured"); };
        Duration timeout = config.settings().requestTimeout();
        // The socket must outlast the slowest call; the request timeout ends it first.
        LambdaClient client = LambdaClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(timeout.plusSeconds(5))).build();
        return new LambdaProviderConnector(client, timeout);
    }

    FrontDoor frontDoor() {
        return frontDoor;
    }

    Gateway gateway() {
        return gateway;
    }
}
