package dev.jetway.functions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.telemetry.EmfSink;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format line per invocation of a scheduled or stream function, on
 * stdout (CloudWatch Logs extracts the metrics): namespace {@value EmfSink#NAMESPACE}, dimension
 * {@code function}, the invocation's counts, and {@code ColdStart} 1 on an instance's first line.
 */
final class HandlerMetrics {

    private final PrintStream out;
    private final Clock clock;
    private final String function;
    private boolean coldStart = true;

    HandlerMetrics(PrintStream out, Clock clock, String function) {
        this.out = out;
        this.clock = clock;
        this.function = function;
    }

    static HandlerMetrics stdout(String function) {
        return new HandlerMetrics(System.out, Clock.systemUTC(), function);
    }

    synchronized void publish(Map<String, ? extends Number> counts) {
        ObjectNode line = Json.object();
        ObjectNode directive = Json.object().put("Namespace", EmfSink.NAMESPACE);
        directive.putArray("Dimensions").addArray().add("function");
        ArrayNode metrics = directive.putArray("Metrics");
        line.put("function", function);
        if (coldStart) {
            coldStart = false;
            metrics.addObject().put("Name", "ColdStart").put("Unit", "Count");
            line.put("ColdStart", 1);
        }
        counts.forEach((name, value) -> {
            metrics.addObject().put("Name", name).put("Unit", "Count");
            line.put(name, value.longValue());
        });
        ObjectNode aws = Json.object().put("Timestamp", clock.millis());
        aws.putArray("CloudWatchMetrics").add(directive);
        line.set("_aws", aws);
        out.println(Json.write(line));
    }
}
