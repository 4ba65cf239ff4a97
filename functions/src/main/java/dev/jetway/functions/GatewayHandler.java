package dev.jetway.functions;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetway.core.mcp.FrontDoor;
import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.security.VerifiedIdentity;
import dev.jetway.core.security.SecuredEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The gateway function: API Gateway HTTP API (payload v2) → the MCP front door → the response.
 * Handler string: {@code dev.jetway.functions.GatewayHandler::handleRequest}.
 */
public final class GatewayHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);

    private final BiFunction<FrontDoorRequest, VerifiedIdentity, FrontDoorResponse> endpoint;
    private final LambdaTracing tracing;
    @SuppressWarnings({"unused", "FieldCanBeLocal"}) // CRaC holds registered hooks weakly; this keeps it alive
    private final SnapStartPriming priming;

    /** Called once per instance by the Lambda runtime: wires everything from the environment. */
    public GatewayHandler() {
        this(LambdaGateway.fromEnvironment(System.getenv()).edge()::handle, LambdaTracing.instance(),
                SnapStartPriming.register());
    }

    /** The front door without the security edge (tests of the protocol path). */
    GatewayHandler(FrontDoor frontDoor) {
        this((request, verified) -> frontDoor.handle(request), LambdaTracing.OFF, null);
    }

    /** The front door behind the security edge, as the function serves it. */
    GatewayHandler(SecuredEndpoint edge) {
        this(edge::handle, LambdaTracing.OFF, null);
    }

    /** The front door behind the security edge, traced: the function as the runtime builds it, with the tracing given. */
    GatewayHandler(SecuredEndpoint edge, LambdaTracing tracing) {
        this(edge::handle, tracing, null);
    }

    /** The front door without the security edge, traced. */
    GatewayHandler(FrontDoor frontDoor, LambdaTracing tracing) {
        this((request, verified) -> frontDoor.handle(request), tracing, null);
    }

    private GatewayHandler(BiFunction<FrontDoorRequest, VerifiedIdentity, FrontDoorResponse> endpoint, LambdaTracing tracing,
                           SnapStartPriming priming) {
        this.endpoint = endpoint;
        this.tracing = tracing;
        this.priming = priming;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return PowertoolsLogging.withLogging(context,
                () -> tracing.invocation(LambdaTracing.Trigger.HTTP, context, () -> handle(event)));
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        FrontDoorRequest request;
        try {
            request = HttpApiMapping.toRequest(event);
        } catch (IllegalArgumentException e) {
            LOG.warn("rejected event: {}", e.getMessage());
            return HttpApiMapping.toResponse(plain(400, e.getMessage()));
        }
        APIGatewayV2HTTPResponse response;
        try {
            response = HttpApiMapping.toResponse(endpoint.apply(request, HttpApiMapping.verifiedIdentity(event)));
        } catch (RuntimeException e) {
            LOG.error("the front door failed", e);
            response = HttpApiMapping.toResponse(plain(500, "internal error; see the function's logs"));
        }
        LOG.info("request", entry("httpMethod", request.method()), entry("status", response.getStatusCode()),
                entry("durationMs", (System.nanoTime() - started) / 1_000_000));
        return response;
    }

    private static FrontDoorResponse plain(int status, String text) {
        return new FrontDoorResponse.Complete(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
                text.getBytes(StandardCharsets.UTF_8));
    }
}
