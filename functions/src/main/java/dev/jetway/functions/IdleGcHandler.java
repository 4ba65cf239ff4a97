package dev.jetway.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.jetway.core.lifecycle.IdleProviderCollector;
import dev.jetway.core.lifecycle.LifecycleRuntime;
import java.util.List;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The idle-GC function, on an EventBridge Scheduler rate: stops READY providers unused for their
 * {@code idle_ttl_s} (an ECS task with StopTask). Each stop is a conditional append, so a provider
 * used meanwhile by any gateway instance keeps running. Returns the names it stopped.
 * Handler string: {@code dev.jetway.functions.IdleGcHandler::handleRequest}.
 */
public final class IdleGcHandler implements RequestHandler<ScheduledEvent, List<String>> {

    private final IdleProviderCollector collector;
    private final HandlerMetrics metrics;
    private final LambdaTracing tracing;

    /** Reads JETWAY_CONFIG, JETWAY_TABLE and (with container providers) JETWAY_ECS_*. */
    public IdleGcHandler() {
        this(LambdaLifecycle.fromEnvironment(System.getenv()), HandlerMetrics.stdout("idle-gc"), LambdaTracing.instance());
    }

    IdleGcHandler(LifecycleRuntime runtime, HandlerMetrics metrics) {
        this(runtime, metrics, LambdaTracing.OFF);
    }

    IdleGcHandler(LifecycleRuntime runtime, HandlerMetrics metrics, LambdaTracing tracing) {
        this.collector = runtime.collector();
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public List<String> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> tracing.invocation(LambdaTracing.Trigger.TIMER, context, () -> {
            List<String> stopped = collector.collect();
            metrics.publish(Map.of("IdleStops", stopped.size()));
            return stopped;
        }));
    }
}
