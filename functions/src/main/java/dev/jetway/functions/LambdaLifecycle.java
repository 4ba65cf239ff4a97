package dev.jetway.functions;

import dev.jetway.aws.dynamodb.DynamoDbEventStore;
import dev.jetway.aws.dynamodb.DynamoDbSchemaVersionStore;
import dev.jetway.core.domain.resilience.RetryBackoff;
import dev.jetway.aws.ecs.EcsSettings;
import dev.jetway.aws.ecs.EcsTaskLauncher;
import dev.jetway.core.config.ConfigException;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.lifecycle.LifecycleRuntime;
import dev.jetway.core.lifecycle.ProviderLauncher;
import dev.jetway.core.outbox.Sleeper;
import dev.jetway.core.security.RemoteDestinationGuard;
import dev.jetway.core.upstream.StreamableHttpConnector;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The provider lifecycle as every function builds it: the config, the event table
 * ({@code JETWAY_TABLE}) and the launcher for each mode (ECS for container providers, from the
 * {@code JETWAY_ECS_*} variables).
 */
final class LambdaLifecycle {

    static final String TABLE_VARIABLE = "JETWAY_TABLE";

    private LambdaLifecycle() {}

    /** The table's name; a clear error when it is not set. */
    static String table(Map<String, String> environment) {
        String table = environment.get(TABLE_VARIABLE);
        if (table == null || table.isBlank()) {
            throw new IllegalStateException(TABLE_VARIABLE + " is not set: name the DynamoDB event table the providers' "
                    + "streams live in");
        }
        return table;
    }

    /** Everything from the environment, with real clients. */
    static LifecycleRuntime fromEnvironment(Map<String, String> environment) {
        return fromEnvironment(environment, dynamoDbClient());
    }

    /** As above, with the DynamoDB client the caller also uses (the gateway's session store). */
    static LifecycleRuntime fromEnvironment(Map<String, String> environment, DynamoDbClient dynamoDb) {
        LambdaSettings settings = LambdaSettings.fromEnvironment(environment);
        GatewayConfig config = settings.loadConfig();
        return create(config, dynamoDb, LambdaGateway.awsConnector(config, settings), environment, Clock.systemUTC());
    }

    static DynamoDbClient dynamoDbClient() {
        return DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(LambdaTracing.instance()::instrument).build();
    }

    static LifecycleRuntime create(GatewayConfig config, DynamoDbClient dynamoDb, AwsConnector connector,
                                   Map<String, String> environment, Clock clock) {
        return create(config, dynamoDb, connector, environment, clock, LambdaTracing.instance());
    }

    /** As above; starts, stops and provider calls traced by {@code tracing}, and its ECS client too. */
    static LifecycleRuntime create(GatewayConfig config, DynamoDbClient dynamoDb, AwsConnector connector,
                                   Map<String, String> environment, Clock clock, LambdaTracing tracing) {
        String table = table(environment);
        boolean containers = config.providers().values().stream().anyMatch(p -> p.mode() == ProviderMode.CONTAINER);
        ProviderLauncher launcher = tracing.traced(AwsLauncher.of(config.providers(), connector,
                containers ? ecsLauncher(config, environment, table, clock, tracing) : null));
        // The schema ledger's versions live in the same table, so every instance lists what any one learnt.
        return LifecycleRuntime.create(config, new DynamoDbEventStore(dynamoDb, table),
                new DynamoDbSchemaVersionStore(dynamoDb, table), launcher, clock, RetryBackoff.DEFAULT);
    }

    private static ProviderLauncher ecsLauncher(GatewayConfig config, Map<String, String> environment, String table,
                                                Clock clock, LambdaTracing tracing) {
        EcsSettings settings;
        try {
            settings = EcsSettings.fromEnvironment(environment, table);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("environment", "", "container providers run as ECS tasks: " + e.getMessage(), e);
        }
        EcsClient ecs = EcsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(tracing::instrument).build();
        return new EcsTaskLauncher(ecs, settings, new StreamableHttpConnector(config.settings().requestTimeout(),
                RemoteDestinationGuard.Check.NONE, tracing.traceContext()), clock,
                Sleeper.REAL);
    }
}
