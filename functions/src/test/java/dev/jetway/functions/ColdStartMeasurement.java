package dev.jetway.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetway.core.json.Json;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * One cold start of the gateway function in this fresh JVM, timed: JVM start to main, the
 * handler's constructor (what Lambda runs at init), the priming hook (what SnapStart runs before
 * its snapshot; only with argument {@code primed}), and the first tools/list answered through
 * the handler. Prints one JSON line. Run by functions/cold-start.sh, which starts a new JVM per
 * sample with JETWAY_CONFIG set. Uses only what the shaded jar holds, plus this class and
 * {@link InvocationContext}.
 */
public final class ColdStartMeasurement {

    private ColdStartMeasurement() {}

    public static void main(String[] args) {
        long mainEntered = System.currentTimeMillis();
        boolean primed = args.length > 0 && args[0].equals("primed");

        long t0 = System.nanoTime();
        GatewayHandler handler = new GatewayHandler();
        long t1 = System.nanoTime();
        if (primed) new SnapStartPriming().prime();
        long t2 = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler.handleRequest(toolsList(), new InvocationContext("cold-start"));
        long t3 = System.nanoTime();

        int tools = Json.parse(response.getBody()).path("result").path("tools").size();
        if (response.getStatusCode() != 200 || tools == 0) {
            throw new IllegalStateException("tools/list was not answered with tools: " + response.getStatusCode()
                    + " " + response.getBody());
        }
        long jvmStarted = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("{\"mode\":\"%s\",\"jvmToMainMs\":%d,\"initMs\":%.1f,\"primingMs\":%.1f,"
                        + "\"firstToolsListMs\":%.1f,\"tools\":%d,\"classesLoaded\":%d}%n", primed ? "primed" : "unprimed",
                mainEntered - jvmStarted, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, tools,
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
    }

    private static APIGatewayV2HTTPEvent toolsList() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default").withRawPath("/mcp")
                .withRawQueryString("").withBody(body).withIsBase64Encoded(false)
                .withHeaders(Map.of("host", "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com",
                        "content-type", "application/json", "accept", "application/json, text/event-stream",
                        "mcp-protocol-version", "2026-07-28", "mcp-method", "tools/list"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withStage("$default")
                        .withRequestId("cold-start")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST")
                                .withPath("/mcp").build()).build())
                .build();
    }
}
