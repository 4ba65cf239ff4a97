package dev.jetway.core.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.domain.provider.Provider;
import dev.jetway.core.json.Json;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Kubernetes-style health endpoints, free of any transport: {@code /health/live} (the process
 * serves), {@code /health/ready} (config loaded and the event store reachable) and
 * {@code /health/startup} (start-up finished). 200 when healthy, 503 when not; every body is JSON
 * and lists the providers' states. Provider states do not make the gateway unready: a COLD provider
 * starts on first use.
 */
public final class HealthEndpoints {

    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    public static final String STARTUP = "/health/startup";

    /** An HTTP status and a JSON body. */
    public record Response(int status, ObjectNode body) {}

    private final EventSourcedLifecycle lifecycle;
    private final Supplier<HeapReading> heap;
    private volatile boolean started;

    /** Reading this JVM's heap. */
    public HealthEndpoints(EventSourcedLifecycle lifecycle) {
        this(lifecycle, HeapReading::ofThisJvm);
    }

    /** @param heap how full the heap is, read at each readiness probe (tests give a fixed reading) */
    public HealthEndpoints(EventSourcedLifecycle lifecycle, Supplier<HeapReading> heap) {
        this.lifecycle = lifecycle;
        this.heap = Objects.requireNonNull(heap, "heap");
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
        checks.put("memory", "UP: heap in use after the last GC " + heap.get().describe());
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
