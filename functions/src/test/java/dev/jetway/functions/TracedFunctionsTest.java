package dev.jetway.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.jetway.functions.PayloadSamples.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.jetway.aws.dynamodb.DynamoDbEventStore;
import dev.jetway.aws.dynamodb.DynamoDbLocal;
import dev.jetway.aws.dynamodb.DynamoDbSessionStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The functions traced end to end, as on AWS: each invocation's root span continues the X-Ray trace
 * Lambda hands over, and the provider calls, DynamoDB calls (DynamoDB Local) and ECS calls (WireMock
 * stubs of the ECS API) below it are spans of that trace.
 */
class TracedFunctionsTest {

    static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";
    static final String LAMBDA_SEGMENT = "53995c3f42cd8ad8";
    static final String CONFIG = """
            gateway:
              allowed_hosts: [a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com]
            providers:
              everything:
                mode: container
                image: ghcr.io/example/everything-mcp:1.0
                idle_ttl_s: 600
            """;

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    volatile String traceHeader;
    final OpenTelemetryTracing tracing = new OpenTelemetryTracing(SimpleSpanProcessor.create(spans), Resource.empty(),
            () -> traceHeader, Duration.ofSeconds(1));
    final LifecycleFunctions fx = new LifecycleFunctions(CONFIG);
    final DynamoDbClient dynamoDb = DynamoDbLocal.newClient(LifecycleFunctions.interceptors(tracing));

    @AfterEach
    void close() throws Exception {
        fx.close();
        dynamoDb.close();
    }

    GatewayHandler gateway() {
        // DynamoDB Local deletes items whose TTL lies before the wall clock: sessions need today's date.
        fx.clock.advance(Duration.between(fx.clock.instant(), Instant.now().plus(Duration.ofDays(1))));
        fx.ecs.mcpAnswers("tools/list", "{\"tools\":[{\"name\":\"get-sum\",\"inputSchema\":{\"type\":\"object\"}}]}");
        fx.ecs.mcpAnswers("tools/call", "{\"content\":[{\"type\":\"text\",\"text\":\"The sum of 2 and 3 is 5.\"}]}");
        var runtime = fx.instance(new DynamoDbEventStore(dynamoDb, fx.table), tracing);
        return new GatewayHandler(new LambdaGateway(runtime, new DynamoDbSessionStore(dynamoDb, fx.table), fx.clock)
                .frontDoor(), tracing);
    }

    APIGatewayV2HTTPResponse invoke(GatewayHandler handler, APIGatewayV2HTTPEvent event, String traceId) {
        traceHeader = "Root=1-" + traceId.substring(0, 8) + "-" + traceId.substring(8) + ";Parent=" + LAMBDA_SEGMENT
                + ";Sampled=1";
        return handler.handleRequest(event, new InvocationContext("req"));
    }

    List<SpanData> trace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    static SpanData root(List<SpanData> trace) {
        List<SpanData> roots = trace.stream().filter(s -> s.getParentSpanId().equals(LAMBDA_SEGMENT)).toList();
        assertThat(roots).as("exactly one span continues Lambda's segment").hasSize(1);
        return roots.get(0);
    }

    /** Whether {@code span} descends from {@code ancestor} within the trace. */
    static boolean descendsFrom(SpanData span, SpanData ancestor, List<SpanData> trace) {
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        for (SpanData s = byId.get(span.getParentSpanId()); s != null; s = byId.get(s.getParentSpanId())) {
            if (s == ancestor) return true;
        }
        return false;
    }

    static List<String> names(List<SpanData> trace) {
        return trace.stream().map(SpanData::getName).toList();
    }

    @Test
    void aToolsCallThroughTheGatewayHandlerIsOneTraceContinuingLambdasWithTheProviderCallAndEveryDynamoDbAndEcsCall() {
        GatewayHandler handler = gateway();
        String session = invoke(handler, load("initialize.json", null), "00000000000000000000000000000001")
                .getHeaders().get("Mcp-Session-Id");
        invoke(handler, load("initialized-notification.json", session), "00000000000000000000000000000002");

        APIGatewayV2HTTPResponse response = invoke(handler, load("tools-call.json", session), TRACE_ID);

        assertThat(response.getBody()).contains("The sum of 2 and 3 is 5.");
        List<SpanData> trace = trace(TRACE_ID);
        SpanData root = root(trace);
        assertThat(root.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(root.getName()).isEqualTo("jetway-gateway");
        assertThat(root.getAttributes().get(AttributeKey.stringKey("faas.trigger"))).isEqualTo("http");

        SpanData call = trace.stream().filter(s -> s.getName().equals("tools/call get-sum")).findFirst()
                .orElseThrow(() -> new AssertionError("no provider call span in " + names(trace)));
        assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(call.getAttributes().get(Spans.PROVIDER)).isEqualTo("everything");
        assertThat(call.getAttributes().get(Spans.TOOL)).isEqualTo("get-sum");
        assertThat(call.getAttributes().get(Spans.MCP_METHOD)).isEqualTo("tools/call");
        assertThat(descendsFrom(call, root, trace)).as("the provider call is under the invocation's span").isTrue();
        assertThat(fx.ecs.task.findAll(postRequestedFor(urlEqualTo("/mcp"))
                        .withRequestBody(matchingJsonPath("$.method", equalTo("tools/call")))))
                .as("the container provider is told the trace, with the provider call as its parent")
                .singleElement().extracting(r -> r.getHeader("traceparent"))
                .isEqualTo("00-" + TRACE_ID + "-" + call.getSpanId() + "-01");

        List<SpanData> dynamoDbCalls = trace.stream().filter(s -> "DynamoDb".equals(rpcService(s))).toList();
        assertThat(dynamoDbCalls).as("the session read, the provider's state, the start's appends: " + names(trace))
                .extracting(TracedFunctionsTest::rpcMethod).contains("GetItem", "TransactWriteItems");
        assertThat(dynamoDbCalls).allSatisfy(s -> assertThat(descendsFrom(s, root, trace)).isTrue());

        // The first call starts the container provider: its ECS calls are in the same trace, under the start.
        SpanData start = trace.stream().filter(s -> s.getName().equals("start everything")).findFirst()
                .orElseThrow(() -> new AssertionError("no start span in " + names(trace)));
        assertThat(trace.stream().filter(s -> "Ecs".equals(rpcService(s))).toList())
                .as("RunTask and DescribeTasks of the start: " + names(trace))
                .extracting(TracedFunctionsTest::rpcMethod).contains("RunTask", "DescribeTasks")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(trace.stream().filter(s -> "RunTask".equals(rpcMethod(s)))).allSatisfy(
                s -> assertThat(descendsFrom(s, start, trace)).as("RunTask runs on core's start thread, under the start span")
                        .isTrue());
    }

    @Test
    void aStatelessRequestAnsweredOnCoresOwnThreadStaysInTheInvocationsTrace() {
        GatewayHandler handler = gateway();

        APIGatewayV2HTTPResponse response = invoke(handler, load("stateless-tools-call.json", null), TRACE_ID);

        assertThat(response.getBody()).contains("The sum of 2 and 3 is 5.");
        List<SpanData> trace = trace(TRACE_ID);
        SpanData root = root(trace);
        assertThat(names(trace)).as("the provider's start, its tools/list and its DynamoDB calls")
                .contains("start everything", "tools/call get-sum", "Ecs.RunTask", "DynamoDb.TransactWriteItems");
        assertThat(trace).filteredOn(s -> s != root)
                .as("every span, made on the front door's per-call thread, descends from the invocation's")
                .allSatisfy(s -> assertThat(descendsFrom(s, root, trace)).isTrue());
        assertThat(spans.getFinishedSpanItems()).as("no span fell out into a trace of its own, not even the instance's "
                + "init reads (outside any invocation nothing is traced)")
                .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE_ID));
    }

    @Test
    void anIdleGcRunTracesTheStopAndItsEcsStopTask() {
        fx.instance().lifecycle().acquire("everything");
        IdleGcHandler handler = new IdleGcHandler(fx.instance(new DynamoDbEventStore(dynamoDb, fx.table), tracing),
                fx.metrics("idle-gc"), tracing);
        fx.clock.advance(Duration.ofSeconds(601));
        traceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=" + LAMBDA_SEGMENT + ";Sampled=1";

        assertThat(handler.handleRequest(LifecycleFunctions.event("idle-gc-schedule.json", ScheduledEvent.class),
                new InvocationContext("req-gc"))).containsExactly("everything");

        List<SpanData> trace = trace(TRACE_ID);
        SpanData root = root(trace);
        assertThat(root.getAttributes().get(AttributeKey.stringKey("faas.trigger"))).isEqualTo("timer");
        SpanData stopTask = trace.stream().filter(s -> "StopTask".equals(rpcMethod(s))).findFirst()
                .orElseThrow(() -> new AssertionError("no StopTask span in " + names(trace)));
        SpanData stop = trace.stream().filter(s -> s.getName().equals("stop everything")).findFirst().orElseThrow();
        assertThat(descendsFrom(stopTask, stop, trace)).isTrue();
        assertThat(descendsFrom(stop, root, trace)).isTrue();
        assertThat(trace).as("the idle check reads and the stop's append").anySatisfy(
                s -> assertThat(rpcService(s)).isEqualTo("DynamoDb"));
    }

    @Test
    void aTraceLambdaDidNotSampleIsNotRecorded() {
        GatewayHandler handler = gateway();
        traceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=" + LAMBDA_SEGMENT + ";Sampled=0";

        handler.handleRequest(load("stateless-tools-list.json", null), new InvocationContext("req"));

        assertThat(spans.getFinishedSpanItems()).as("Lambda's sampling decision holds for every span below it").isEmpty();
    }

    static String rpcService(SpanData span) {
        return span.getAttributes().get(AttributeKey.stringKey("rpc.service"));
    }

    static String rpcMethod(SpanData span) {
        return span.getAttributes().get(AttributeKey.stringKey("rpc.method"));
    }
}
