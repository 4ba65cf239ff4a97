package dev.jetway.core.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.GatewaySettings;
import dev.jetway.core.domain.provider.Provider;
import dev.jetway.core.json.Json;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Kubernetes-style health endpoints, free of any transport: {@code /health/live} (the process
 * serves), {@code /health/ready} (config loaded, the event store reachable, and the heap in use
 * after the last garbage collection at most {@value GatewaySettings#READINESS_MAX_HEAP_PERCENT_KEY}
 * of the maximum) and {@code /health/startup} (start-up finished). 200 when healthy, 503 when not;
 * every body is JSON and lists the providers' states. Provider states do not make the gateway
 * unready: a COLD provider starts on first use. A full heap does not make it dead either: live stays
 * 200, so that a load balancer sends it less work instead of an orchestrator restarting it.
 */
public final class HealthEndpoints {

    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    public static final String STARTUP = "/health/startup";

    /** An HTTP status and a JSON body. */
    public record Response(int status, ObjectNode body) {}

    private final EventSourcedLifecycle lifecycle;
    private final Supplier<HeapReading> heap;
    private final int maxHeapPercent;
    private volatile boolean started;

    /** Reading this JVM's heap, unready above the default share of it. */
    public HealthEndpoints(EventSourcedLifecycle lifecycle) {
        this(lifecycle, HeapReading::ofThisJvm, GatewaySettings.DEFAULT_READINESS_MAX_HEAP_PERCENT);
    }

    /**
     * @param heap how full the heap is, read at each readiness probe (tests give a fixed reading)
     * @param maxHeapPercent ready answers DOWN while the heap in use after the last GC is above this
     *     percentage of the maximum heap
     */
    public HealthEndpoints(EventSourcedLifecycle lifecycle, Supplier<HeapReading> heap, int maxHeapPercent) {
        this.lifecycle = lifecycle;
        this.heap = Objects.requireNonNull(heap, "heap");
        if (maxHeapPercent < 1 || maxHeapPercent > 100) throw new IllegalArgumentException("maxHeapPercent must be 1 to 100");
        this.maxHeapPercent = maxHeapPercent;
    }

    /** Start-up is over (config loaded, providers registered, endpoint serving). */
    public void markStarted() {
        started = true;
    }

    /** The response for a health path; empty for any other path. */
    public Optional<Response> handle(String path) {
        return switch (path) {
            case LIVE -> Optional.of(live());
            case READY -> Optional.of(ready());
            case STARTUP -> Optional.of(startup());
            default -> Optional.empty();
        };
    }

    public Response live() {
        return response("live", true, Json.object(), this::cachedStates);
    }

    public Response ready() {
        ObjectNode checks = Json.object().put("config", "UP");
        ObjectNode providers;
        boolean up;
        try {
            providers = states(lifecycle.refreshAll());
            checks.put("store", "UP");
            up = true;
        } catch (RuntimeException e) {
            providers = cachedStates();
            checks.put("store", "DOWN: " + e.getMessage());
            up = false;
        }
        HeapReading reading = heap.get();
        boolean pressed = reading.usedPercent() > maxHeapPercent;
        checks.put("memory", pressed
                ? "DOWN: heap in use after the last GC is " + reading.describe() + ", above " + maxHeapPercent + " % ("
                        + GatewaySettings.READINESS_MAX_HEAP_PERCENT_KEY + "); the gateway holds too much to take more work"
                : "UP: heap in use after the last GC " + reading.describe());
        up = up && !pressed;
        ObjectNode finalProviders = providers;
        return response("ready", up, checks, () -> finalProviders);
    }

    public Response startup() {
        return response("startup", started, Json.object().put("startup", started ? "UP" : "DOWN: still starting"),
                this::cachedStates);
    }

    private Response response(String check, boolean up, ObjectNode checks, Supplier<ObjectNode> providers) {
        ObjectNode body = Json.object().put("status", up ? "UP" : "DOWN").put("check", check);
        body.set("checks", checks);
        body.set("providers", providers.get());
        return new Response(up ? 200 : 503, body);
    }

    private ObjectNode cachedStates() {
        ObjectNode out = Json.object();
        for (String name : lifecycle.names()) out.set(name, state(lifecycle.cached(name)));
        return out;
    }

    private ObjectNode states(Map<String, Provider> providers) {
        ObjectNode out = Json.object();
        providers.forEach((name, p) -> out.set(name, state(p)));
        return out;
    }

    private ObjectNode state(Provider p) {
        ObjectNode node = Json.object().put("state", p.state().name()).put("circuit", p.circuit().name());
        if (p.spec() != null) node.put("mode", p.spec().mode().wireName());
        if (p.lastError() != null) node.put("last_error", p.lastError());
        return node;
    }
}
