package dev.jetway.functions;

import static dev.jetway.functions.PayloadSamples.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetway.aws.dynamodb.DynamoDbEventStore;
import dev.jetway.aws.dynamodb.DynamoDbLocal;
import dev.jetway.aws.dynamodb.DynamoDbSessionStore;
import java.time.Duration;
import java.time.Instant;
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
        // DynamoDB Local deletes items whose TTL lies before the wall clock; sessions written at the
        // fixture's fixed date would vanish, so this test's time starts a day ahead of now.
        fx.clock.advance(Duration.between(fx.clock.instant(), Instant.now().plus(Duration.ofDays(1))));
        fx.ecs.mcpAnswers("tools/list", "{\"tools\":[{\"name\":\"get-sum\",\"inputSchema\":{\"type\":\"object\"}}]}");
        fx.ecs.mcpAnswers("tools/call", "{\"content\":[{\"type\":\"text\",\"text\":\"The sum of 2 and 3 is 5.\"}]}");
        var runtime = fx.instance(new DynamoDbEventStore(counted, fx.table));
        handler = new GatewayHandler(new LambdaGateway(runtime, new DynamoDbSessionStore(counted, fx.table), fx.clock).frontDoor());
        sessionId = invoke(load("initialize.json", null)).getHeaders().get("Mcp-Session-Id");
        invoke(load("initialized-notification.json", sessionId));
        assertThat(invoke(load("tools-call.json", sessionId)).getBody()).contains("The sum of 2 and 3 is 5.");
        calls.clear();
    }

    int total() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Test
    void callsToAReadyProviderOnAWarmInstanceWithinTheLastUseWindowMakeOneSessionReadEachAndNoOtherCall() {
        warmGatewayWithAReadyProvider();

        for (int i = 0; i < 20; i++) {
            fx.clock.advance(Duration.ofMillis(500));
            assertThat(invoke(load("tools-call.json", sessionId)).getBody()).contains("The sum of 2 and 3 is 5.");
        }

        assertThat(calls.keySet()).as("operations: " + calls).containsExactly("GetItem");
        assertThat(calls.get("GetItem").get()).as("one strongly consistent read of the session item per request; "
                + "no provider read or write within the last-use window (idle_ttl_s / 10 = 60 s)").isEqualTo(20);
    }

    @Test
    void theFirstCallAfterTheLastUseWindowRecordsOneUseAndTheNextOnesNothing() {
        warmGatewayWithAReadyProvider();

        fx.clock.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 5; i++) invoke(load("tools-call.json", sessionId));

        // Each request reads its session (GetItem). The first one past the window also loads the
        // provider: its projection item (GetItem) and any events past it (Query), then one conditional
        // transaction appends ProviderUsed with the projection; the next calls reuse it.
        assertThat(calls.keySet()).as("operations: " + calls).containsExactlyInAnyOrder("GetItem", "Query",
                "TransactWriteItems");
        assertThat(calls.get("GetItem").get()).as("5 session reads and 1 projection read").isEqualTo(6);
        assertThat(calls.get("Query").get()).isEqualTo(1);
        assertThat(calls.get("TransactWriteItems").get()).as("one write per last-use window, not per call").isEqualTo(1);
    }
}
