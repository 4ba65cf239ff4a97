package dev.jetway.functions;

import static dev.jetway.functions.PayloadSamples.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetway.aws.dynamodb.DynamoDbEventStore;
import dev.jetway.aws.dynamodb.DynamoDbLocal;
import dev.jetway.core.mcp.InMemorySessionStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How many DynamoDB calls one tools/call costs on the hot path: a READY container provider, a warm
 * gateway instance, wired as the gateway function wires itself with JETWAY_TABLE. Every SDK call
 * is counted by an execution interceptor on the event store's client.
 */
class HotPathDynamoDbCallsTest {

    static final String CONFIG = """
            gateway:
              allowed_hosts: [a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com]
            providers:
              everything:
                mode: container
                image: ghcr.io/example/everything-mcp:1.0
                idle_ttl_s: 600
            """;

    final LifecycleFunctions fx = new LifecycleFunctions(CONFIG);
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final DynamoDbClient counted = DynamoDbLocal.newClient(new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                    .incrementAndGet();
        }
    });
    GatewayHandler handler;
    String sessionId;

    @AfterEach
    void close() throws Exception {
        fx.close();
        counted.close();
    }

    APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new InvocationContext("req"));
    }

    void warmGatewayWithAReadyProvider() {
        fx.ecs.mcpAnswers("tools/list", "{\"tools\":[{\"name\":\"get-sum\",\"inputSchema\":{\"type\":\"object\"}}]}");
        fx.ecs.mcpAnswers("tools/call", "{\"content\":[{\"type\":\"text\",\"text\":\"The sum of 2 and 3 is 5.\"}]}");
        var runtime = fx.instance(new DynamoDbEventStore(counted, fx.table));
        handler = new GatewayHandler(new LambdaGateway(runtime, new InMemorySessionStore(), fx.clock).frontDoor());
        sessionId = invoke(load("initialize.json", null)).getHeaders().get("Mcp-Session-Id");
        invoke(load("initialized-notification.json", sessionId));
        assertThat(invoke(load("tools-call.json", sessionId)).getBody()).contains("The sum of 2 and 3 is 5.");
        calls.clear();
    }

    int total() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Test
    void callsToAReadyProviderOnAWarmInstanceWithinTheLastUseWindowMakeNoDynamoDbCall() {
        warmGatewayWithAReadyProvider();

        for (int i = 0; i < 20; i++) {
            fx.clock.advance(Duration.ofMillis(500));
            assertThat(invoke(load("tools-call.json", sessionId)).getBody()).contains("The sum of 2 and 3 is 5.");
        }

        assertThat(total()).as("calls within the last-use window (idle_ttl_s / 10 = 60 s): " + calls).isZero();
    }

    @Test
    void theFirstCallAfterTheLastUseWindowRecordsOneUseAndTheNextOnesNothing() {
        warmGatewayWithAReadyProvider();

        fx.clock.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 5; i++) invoke(load("tools-call.json", sessionId));

        // The load reads the projection item (GetItem) and any events past it (Query), then one
        // conditional transaction appends ProviderUsed with the projection; the next calls reuse it.
        assertThat(calls.keySet()).as("operations: " + calls).containsExactlyInAnyOrder("GetItem", "Query",
                "TransactWriteItems");
        assertThat(calls.get("GetItem").get()).isEqualTo(1);
        assertThat(calls.get("Query").get()).isEqualTo(1);
        assertThat(calls.get("TransactWriteItems").get()).as("one write per last-use window, not per call").isEqualTo(1);
    }
}
