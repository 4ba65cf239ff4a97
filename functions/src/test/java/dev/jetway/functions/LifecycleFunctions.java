package dev.jetway.functions;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.jetway.aws.dynamodb.DynamoDbEventStore;
import dev.jetway.aws.dynamodb.DynamoDbLocal;
import dev.jetway.aws.ecs.EcsSettings;
import dev.jetway.aws.ecs.EcsStubs;
import dev.jetway.aws.ecs.EcsTaskLauncher;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.lifecycle.ConnectorLauncher;
import dev.jetway.core.lifecycle.LifecycleRuntime;
import dev.jetway.core.security.RemoteDestinationGuard;
import dev.jetway.core.testing.SettableClock;
import dev.jetway.core.upstream.StreamableHttpConnector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Gateway and function instances as the Lambda composition wires them, over one DynamoDB Local
 * table, with ECS as WireMock stubs and the task's MCP server as a loopback stub.
 */
final class LifecycleFunctions implements AutoCloseable {

    static final String CONFIG = """
            providers:
              fetch:
                mode: container
                image: ghcr.io/example/fetch-mcp:1.2
                idle_ttl_s: 600
            """;

    final EcsStubs ecs = new EcsStubs();
    final String table = DynamoDbLocal.newEventTable();
    final EventStore store = new DynamoDbEventStore(DynamoDbLocal.client(), table);
    final SettableClock clock = new SettableClock(Instant.parse("2026-05-01T10:00:00Z"));
    final GatewayConfig config;
    final ByteArrayOutputStream emf = new ByteArrayOutputStream();
    private final List<AutoCloseable> opened = new ArrayList<>();

    LifecycleFunctions() {
        this(CONFIG);
    }

    LifecycleFunctions(String yaml) {
        config = ConfigLoader.parse(yaml, "test.yaml");
        ecs.runTaskReturnsTheTask();
        ecs.describeTasksSays("RUNNING", null);
    }

    EcsSettings ecsSettings() {
        return new EcsSettings("jetway", List.of("subnet-a"), List.of(), false, "jetway-", Map.of(), "mcp", ecs.taskPort(),
                "/mcp", Duration.ofSeconds(120), Duration.ofSeconds(1), table);
    }

    /** One instance (a gateway's or a function's) with its own clients, as each Lambda instance has. */
    LifecycleRuntime instance() {
        return instance(store);
    }

    /** An instance whose event store is {@code eventStore} (a client that counts its calls, say). */
    LifecycleRuntime instance(EventStore eventStore) {
        return instance(eventStore, LambdaTracing.OFF);
    }

    /** An instance traced as the functions trace theirs: the launcher wrapped, the ECS client instrumented, the task's requests carrying the trace. */
    LifecycleRuntime instance(EventStore eventStore, LambdaTracing tracing) {
        EcsClient client = ecs.client(Duration.ofSeconds(5), interceptors(tracing));
        StreamableHttpConnector http = new StreamableHttpConnector(Duration.ofSeconds(5), RemoteDestinationGuard.Check.NONE,
                tracing.traceContext());
        AwsLauncher launcher = new AwsLauncher(config.providers(), new ConnectorLauncher(http),
                new EcsTaskLauncher(client, ecsSettings(), http, clock, clock::advance));
        LifecycleRuntime runtime = LifecycleRuntime.create(config, eventStore, tracing.traced(launcher), clock);
        opened.add(runtime);
        opened.add(client);
        return runtime;
    }

    /** The SDK interceptors {@code tracing} adds to a client, for clients the tests build themselves. */
    static ExecutionInterceptor[] interceptors(LambdaTracing tracing) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
        tracing.instrument(override);
        return override.build().executionInterceptors().toArray(ExecutionInterceptor[]::new);
    }

    HandlerMetrics metrics(String function) {
        return new HandlerMetrics(new PrintStream(emf, true, StandardCharsets.UTF_8), clock, function);
    }

    String emfLines() {
        return emf.toString(StandardCharsets.UTF_8);
    }

    static <T> T event(String name, Class<T> type) {
        try (InputStream in = LifecycleFunctions.class.getResourceAsStream("/events/scheduled/" + name)) {
            if (in == null) throw new IllegalArgumentException("no sample events/scheduled/" + name);
            return LambdaEventSerializers.serializerFor(type, LifecycleFunctions.class.getClassLoader())
                    .fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) c.close();
        ecs.close();
    }

}
