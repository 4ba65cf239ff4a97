package dev.jetway.local;

import dev.jetway.core.config.GatewaySettings;
import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.mcp.RequestGuard;
import dev.jetway.core.security.Caller;
import dev.jetway.core.security.CallerAwareEndpoint;
import dev.jetway.core.telemetry.PrometheusText;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /metrics} behind the security edge, beside the front door, so that a scrape needs exactly
 * what a request to {@code /mcp} needs: with API keys or OAuth configured a valid bearer token (any
 * caller the edge accepts); with no {@code security:} section, which only a loopback gateway may
 * run, nothing. The Host and Origin checks of {@code /mcp} apply too, so that a web page cannot read
 * the metrics of a loopback gateway through DNS rebinding. Every other path goes to the front door.
 * {@code telemetry.metrics_public: true} serves the metrics outside the edge instead.
 */
final class MetricsEndpoint implements CallerAwareEndpoint {

    private final CallerAwareEndpoint frontDoor;
    private final Supplier<String> scrape;
    private final RequestGuard guard;

    MetricsEndpoint(CallerAwareEndpoint frontDoor, Supplier<String> scrape, GatewaySettings settings) {
        this.frontDoor = frontDoor;
        this.scrape = scrape;
        this.guard = new RequestGuard(settings.allowedHosts(), settings.allowedOrigins());
    }

    @Override
    public FrontDoorResponse handle(FrontDoorRequest request, Caller caller) {
        String path = request.path();
        int query = path.indexOf('?');
        if (!(query < 0 ? path : path.substring(0, query)).equals(JetwayLocal.METRICS_PATH)) {
            return frontDoor.handle(request, caller);
        }
        Optional<String> badHost = guard.rejectHost(request.headers().first("Host"));
        if (badHost.isPresent()) return plain(421, badHost.get());
        Optional<String> badOrigin = guard.rejectOrigin(request.headers().first("Origin"));
        if (badOrigin.isPresent()) return plain(403, badOrigin.get());
        if (!request.method().equals("GET")) {
            return new FrontDoorResponse.Complete(405, Map.of("Allow", "GET"), new byte[0]);
        }
        return new FrontDoorResponse.Complete(200, Map.of("Content-Type", PrometheusText.CONTENT_TYPE,
                "Cache-Control", "no-store"), scrape.get().getBytes(StandardCharsets.UTF_8));
    }

    private static FrontDoorResponse plain(int status, String text) {
        return new FrontDoorResponse.Complete(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
                text.getBytes(StandardCharsets.UTF_8));
    }
}
