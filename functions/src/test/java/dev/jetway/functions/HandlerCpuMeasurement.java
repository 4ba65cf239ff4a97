package dev.jetway.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * CPU time the gateway function spends per warm tools/call, measured in this JVM: the handler is
 * built as Lambda's init builds it (from {@code JETWAY_CONFIG}, whose provider {@code up} is a fast
 * remote MCP server), warmed, then called {@code measured} times in a row on this thread. Prints one
 * JSON line with, per call, the CPU time of the calling thread (the handler's own work: mapping,
 * front door, routing, JSON; time blocked on the upstream's socket is not CPU time) and of the whole
 * process (adds the HTTP client's threads, GC, JIT and logging: an upper bound), and the wall time.
 * Usage: {@code HandlerCpuMeasurement WARMUP MEASURED}; run by make bench.
 */
public final class HandlerCpuMeasurement {

    private HandlerCpuMeasurement() {}

    public static void main(String[] args) {
        int warmup = Integer.parseInt(args[0]);
        int measured = Integer.parseInt(args[1]);
        GatewayHandler handler = new GatewayHandler();
        InvocationContext context = new InvocationContext("cpu");
        for (int i = 0; i < warmup; i++) check(handler.handleRequest(echoCall(), context));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        APIGatewayV2HTTPEvent[] events = new APIGatewayV2HTTPEvent[measured];
        for (int i = 0; i < measured; i++) events[i] = echoCall();
        long thread0 = threads.getCurrentThreadCpuTime();
        long process0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        for (APIGatewayV2HTTPEvent event : events) check(handler.handleRequest(event, context));
        long wall = System.nanoTime() - wall0;
        long process = os.getProcessCpuTime() - process0;
        long thread = threads.getCurrentThreadCpuTime() - thread0;
        System.out.printf("{\"calls\":%d,\"threadCpuMicrosPerCall\":%.1f,\"processCpuMicrosPerCall\":%.1f,"
                        + "\"wallMicrosPerCall\":%.1f}%n", measured, thread / 1e3 / measured, process / 1e3 / measured,
                wall / 1e3 / measured);
    }

    private static void check(APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != 200 || !response.getBody().contains("Echo: cpu")) {
            throw new IllegalStateException("tools/call was not answered with the echo: " + response.getStatusCode()
                    + " " + response.getBody());
        }
    }

    /** A stateless-era tools/call as API Gateway delivers it (no session to set up). */
    private static APIGatewayV2HTTPEvent echoCall() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"up__echo\","
                + "\"arguments\":{\"message\":\"cpu\"},\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default").withRawPath("/mcp")
                .withRawQueryString("").withBody(body).withIsBase64Encoded(false)
                .withHeaders(Map.of("host", "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com",
                        "content-type", "application/json", "accept", "application/json, text/event-stream",
                        "mcp-protocol-version", "2026-07-28", "mcp-method", "tools/call", "mcp-name", "up__echo"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withStage("$default")
                        .withRequestId("cpu")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST")
                                .withPath("/mcp").build()).build())
                .build();
    }
}
