package dev.jetway.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.jetway.core.lifecycle.HealthCheckResult;
import dev.jetway.core.lifecycle.LifecycleRuntime;
import dev.jetway.core.lifecycle.ProviderHealthMonitor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The health function, on an EventBridge Scheduler rate (the rate is the health-check interval on
 * AWS): pings every provider that is READY or DEGRADED anywhere, attached without counting as a
 * use; failures drive DEGRADED, restarts with backoff, and crash stops. Returns one line per check.
 * Handler string: {@code dev.jetway.functions.HealthCheckHandler::handleRequest}.
 */
public final class HealthCheckHandler implements RequestHandler<ScheduledEvent, List<String>> {

    private final ProviderHealthMonitor health;
    private final HandlerMetrics metrics;
    private final LambdaTracing tracing;

    /** Reads JETWAY_CONFIG, JETWAY_TABLE and (with container providers) JETWAY_ECS_*. */
    public HealthCheckHandler() {
        this(LambdaLifecycle.fromEnvironment(System.getenv()), HandlerMetrics.stdout("health"), LambdaTracing.instance());
    }

    HealthCheckHandler(LifecycleRuntime runtime, HandlerMetrics metrics) {
        this(runtime, metrics, LambdaTracing.OFF);
    }

    HealthCheckHandler(LifecycleRuntime runtime, HandlerMetrics metrics, LambdaTracing tracing) {
        this.health = runtime.health();
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public List<String> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> tracing.invocation(LambdaTracing.Trigger.TIMER, context, () -> {
            List<HealthCheckResult> results = health.checkRunningAnywhere();
            Map<String, Integer> counts = new TreeMap<>();
            for (HealthCheckResult.Outcome outcome : HealthCheckResult.Outcome.values()) counts.put(metricName(outcome), 0);
            results.forEach(r -> counts.merge(metricName(r.outcome()), 1, Integer::sum));
            metrics.publish(counts);
            return results.stream().map(r -> r.provider() + " " + r.outcome() + " " + r.state()
                    + (r.detail() == null ? "" : ": " + r.detail())).toList();
        }));
    }

    private static String metricName(HealthCheckResult.Outcome outcome) {
        return "HealthChecks" + switch (outcome) {
            case NOT_RUNNING -> "NotRunning";
            case PASSED -> "Passed";
            case FAILED -> "Failed";
            case CRASHED -> "Crashed";
            case RESTARTED -> "Restarted";
        };
    }
}
