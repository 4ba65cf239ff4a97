package dev.jetway.functions;

import dev.jetway.aws.dynamodb.DynamoDbSessionStore;
import dev.jetway.aws.lambda.LambdaProviderConnector;
import dev.jetway.aws.secrets.SecretHeaderConnector;
import dev.jetway.aws.secrets.SecretsManagerSecrets;
import dev.jetway.core.config.ConfigException;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.lifecycle.LifecycleRuntime;
import dev.jetway.core.mcp.FrontDoor;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.core.mcp.RequestObserver;
import dev.jetway.core.mcp.SessionStore;
import dev.jetway.core.telemetry.EmfSink;
import dev.jetway.core.telemetry.MetricLabels;
import dev.jetway.core.telemetry.RequestTelemetry;
import dev.jetway.core.security.RemoteDestinationGuard;
import dev.jetway.core.security.SecuredEndpoint;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.StreamableHttpConnector;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The gateway function's composition root: plain constructor wiring, done once per Lambda
 * instance (before the SnapStart snapshot when SnapStart is on). No provider starts here.
 */
final class LambdaGateway {

    private final Gateway gateway;
    private final FrontDoor frontDoor;
    private final SecuredEndpoint edge;

    /** Service name in the EMF metrics; the deployment's dashboard and alarms read this dimension. */
    static final String SERVICE_VARIABLE = "POWERTOOLS_SERVICE_NAME";

    /** Wires the parts; tests pass their own connector and session store. No metrics. */
    LambdaGateway(GatewayConfig config, ProviderConnector connector, SessionStore sessions, Clock clock) {
        this(Gateway.startingOnFirstUse(config, connector), sessions, clock, gateway -> RequestObserver.NONE);
    }

    /** Wires the front door over a gateway whose providers live through the lifecycle (DynamoDB). No metrics. */
    LambdaGateway(LifecycleRuntime runtime, SessionStore sessions, Clock clock) {
        this(runtime.gateway(), sessions, clock, gateway -> RequestObserver.NONE);
    }

    /** @param metrics the front door's request observer, given the gateway it routes with */
    LambdaGateway(Gateway gateway, SessionStore sessions, Clock clock, Function<Gateway, RequestObserver> metrics) {
        this.gateway = gateway;
        // A buffered Lambda response cannot hold a GET event stream open: canHoldStreams is false.
        this.frontDoor = new FrontDoor(gateway, sessions, clock, false, metrics.apply(gateway));
        // Authentication, metadata, rate and JSON limits, per-tool authorization: as in local mode.
        this.edge = SecuredEndpoint.forConfig(gateway.config(), clock, frontDoor::handle);
    }

    /**
     * Request metrics as CloudWatch EMF lines on {@code out} (stdout on Lambda), written as each
     * request ends: RequestCount, Errors and Latency per provider and tool, and ColdStart once.
     * Written synchronously (one line per request) so nothing waits in a buffer when the instance freezes.
     */
    static Function<Gateway, RequestObserver> emfMetrics(PrintStream out, Clock clock, String service) {
        return gateway -> new RequestTelemetry(new EmfSink(out, clock, service,
                new MetricLabels(name -> gateway.providers().containsKey(name), gateway::isKnownTool)), clock,
                "jetway-lambda", gateway::providerOf);
    }

    /**
     * The real wiring, from the function's environment variables. With {@code JETWAY_TABLE}, the
     * providers live through the event-sourced lifecycle in that table (container providers as ECS
     * tasks); without it, each instance connects to remote and lambda providers on first use.
     */
    static LambdaGateway fromEnvironment(Map<String, String> environment) {
        Function<Gateway, RequestObserver> metrics = emfMetrics(System.out, Clock.systemUTC(),
                environment.getOrDefault(SERVICE_VARIABLE, "jetway"));
        if (environment.containsKey(LambdaLifecycle.TABLE_VARIABLE)) {
            // Sessions in the table too, so that any instance continues a session another one opened.
            DynamoDbClient dynamoDb = LambdaLifecycle.dynamoDbClient();
            SessionStore sessions = new DynamoDbSessionStore(dynamoDb, LambdaLifecycle.table(environment));
            return new LambdaGateway(LambdaLifecycle.fromEnvironment(environment, dynamoDb).gateway(), sessions,
                    Clock.systemUTC(), metrics);
        }
        // Without a table, sessions live in this instance only: a client whose requests reach
        // another instance gets 404 and initializes again, as the protocol prescribes.
        LambdaSettings settings = LambdaSettings.fromEnvironment(environment);
        GatewayConfig config = settings.loadConfig();
        return new LambdaGateway(Gateway.startingOnFirstUse(config, LambdaTracing.instance().traced(awsConnector(config, settings))),
                new InMemorySessionStore(), Clock.systemUTC(), metrics);
    }

    /** Remote and lambda providers, each reached the way its mode says. */
    static AwsConnector awsConnector(GatewayConfig config, LambdaSettings settings) {
        return awsConnector(config, settings, LambdaTracing.instance());
    }

    /** As above; remote requests carry {@code tracing}'s trace headers. */
    static AwsConnector awsConnector(GatewayConfig config, LambdaSettings settings, LambdaTracing tracing) {
        return new AwsConnector(remoteProviders(config, settings, tracing), lambdaProviders(config));
    }

    /** Remote providers over Streamable HTTP; a Secrets Manager client only when a header references a secret. */
    private static ProviderConnector remoteProviders(GatewayConfig config, LambdaSettings settings, LambdaTracing tracing) {
        // Remote URLs may not reach loopback, link-local (the metadata service) or private ranges unless allowed.
        ProviderConnector http = new StreamableHttpConnector(config.settings().requestTimeout(),
                RemoteDestinationGuard.forSettings(config.security()).asCheck(), tracing.traceContext());
        boolean referencesSecrets;
        try {
            referencesSecrets = SecretHeaderConnector.anyReferenced(config.providers());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(settings.configLocation(), "", e.getMessage(), e);
        }
        if (!referencesSecrets) return http;
        SecretsManagerClient client = SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(LambdaTracing.instance()::instrument).build();
        return new SecretHeaderConnector(http, new SecretsManagerSecrets(client));
    }

    /** The Lambda client is built only when a provider needs it: it costs cold-start time. */
    private static ProviderConnector lambdaProviders(GatewayConfig config) {
        boolean needed = config.providers().values().stream().anyMatch(p -> p.mode() == ProviderMode.LAMBDA);
        if (!needed) return (name, spec, listener) -> { throw new IllegalStateException("no lambda provider is configured"); };
        Duration timeout = config.settings().requestTimeout();
        // The socket must outlast the slowest call; the request timeout ends it first.
        LambdaClient client = LambdaClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(timeout.plusSeconds(5)))
                .overrideConfiguration(LambdaTracing.instance()::instrument).build();
        return new LambdaProviderConnector(client, timeout);
    }

    FrontDoor frontDoor() {
        return frontDoor;
    }

    /** The front door behind the security edge: what the function serves. */
    SecuredEndpoint edge() {
        return edge;
    }

    Gateway gateway() {
        return gateway;
    }
}
