package dev.jetway.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Latency and throughput of one workload across all targets of one upstream, in four phases; in
 * every phase each target runs {@code rounds} segments and the order of targets is shuffled per
 * round, so drift on a shared machine hits all targets alike:
 * <ol>
 *   <li>warm-up: closed loop at 1 and at N connections (discarded); the 1-connection rate of the
 *       slowest target sets the open-loop rate below;</li>
 *   <li>throughput: closed loop at N connections, requests per second;</li>
 *   <li>latency at 1 connection: open loop at half the slowest target's 1-connection rate, the
 *       same rate for all;</li>
 *   <li>latency at N connections: open loop at 70 % of the best peer's throughput (phase 2), the
 *       same rate for all, so "lower p99 at saturation" compares equal offered load.</li>
 * </ol>
 * Every answer is checked ({@link Workload#problemWith}); wrong answers are counted as errors,
 * never as latencies.
 */
final class LatencyBench {

    private final BenchOptions options;
    private final Random shuffle = new Random(42);
    private final LoadAverage load;

    LatencyBench(BenchOptions options, LoadAverage load) {
        this.options = options;
        this.load = load;
    }

    /** Connections per target, opened once (sessions initialized once per connection). */
    static Map<Target, List<McpConnection>> connect(List<Target> targets, int concurrency) throws IOException {
        Map<Target, List<McpConnection>> connections = new LinkedHashMap<>();
        for (Target target : targets) {
            List<McpConnection> list = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) list.add(McpConnection.open(target.endpoint()));
            connections.put(target, list);
        }
        return connections;
    }

    ObjectNode run(String upstream, String method, Map<Target, List<McpConnection>> connections) {
        List<Target> targets = new ArrayList<>(connections.keySet());
        Function<Target, Workload> workload = t -> Workload.of(method, t);
        System.err.printf("bench: %s %s: warm-up%n", upstream, method);
        phase(targets, 1, t -> LoadGenerator.closedLoop(connections.get(t), workload.apply(t), options.warmup()));
        // Measured after the loaded warm-up, so that first-call and JIT effects do not set the rate.
        Map<Target, Accumulated> one = phase(targets, 1, t -> LoadGenerator.closedLoop(
                first(connections.get(t), 1), workload.apply(t), options.warmup()));
        double slowestSingle = one.values().stream().mapToDouble(Accumulated::perSecond).min().orElse(100);
        double rateSingle = Math.max(20, Math.floor(slowestSingle / 2));

        System.err.printf("bench: %s %s: throughput at %d connections%n", upstream, method, options.concurrency());
        Map<Target, Accumulated> throughput = phase(targets, options.rounds(),
                t -> LoadGenerator.closedLoop(connections.get(t), workload.apply(t), options.segment()));
        double bestPeer = throughput.entrySet().stream().filter(e -> e.getKey().isPeer())
                .mapToDouble(e -> e.getValue().perSecond()).max().orElse(rateSingle * 2);
        double rateLoaded = Math.max(rateSingle, Math.floor(bestPeer * 0.7));

        System.err.printf("bench: %s %s: latency at 1 connection, %.0f/s%n", upstream, method, rateSingle);
        Map<Target, Accumulated> latencySingle = phase(targets, options.rounds(), t -> LoadGenerator.openLoop(
                first(connections.get(t), 1), workload.apply(t), options.segment(), rateSingle));
        System.err.printf("bench: %s %s: latency at %d connections, %.0f/s%n", upstream, method,
                options.concurrency(), rateLoaded);
        Map<Target, Accumulated> latencyLoaded = phase(targets, options.rounds(), t -> LoadGenerator.openLoop(
                connections.get(t), workload.apply(t), options.segment(), rateLoaded));

        ObjectNode scenario = Json.object().put("upstream", upstream).put("method", method)
                .put("concurrency", options.concurrency()).put("rateSingle", rateSingle).put("rateLoaded", rateLoaded);
        ArrayNode rows = scenario.putArray("targets");
        for (Target target : targets) {
            ObjectNode row = rows.addObject().put("target", target.name()).put("kind", target.kind())
                    .put("upstreamTransport", target.upstreamTransport());
            row.set("single", latencySingle.get(target).json(rateSingle));
            row.set("loaded", latencyLoaded.get(target).json(rateLoaded));
            row.set("throughput", throughput.get(target).json(0));
        }
        return scenario;
    }

    private interface SegmentRunner {
        LoadGenerator.Segment run(Target target);
    }

    private Map<Target, Accumulated> phase(List<Target> targets, int rounds, SegmentRunner runner) {
        Map<Target, Accumulated> results = new LinkedHashMap<>();
        for (Target target : targets) results.put(target, new Accumulated());
        for (int round = 0; round < rounds; round++) {
            List<Target> order = new ArrayList<>(targets);
            Collections.shuffle(order, shuffle);
            for (Target target : order) {
                results.get(target).add(runner.run(target));
                load.sample();
            }
        }
        return results;
    }

    private static List<McpConnection> first(List<McpConnection> connections, int n) {
        return connections.subList(0, n);
    }

    /** Segments of one target and phase, merged. */
    static final class Accumulated {
        final Histogram latency = LoadGenerator.newHistogram();
        final Histogram service = LoadGenerator.newHistogram();
        long requests;
        long errors;
        double seconds;
        String firstError;

        void add(LoadGenerator.Segment segment) {
            latency.add(segment.latency());
            service.add(segment.service());
            requests += segment.requests();
            errors += segment.errors();
            seconds += segment.seconds();
            if (firstError == null) firstError = segment.firstError();
        }

        double perSecond() {
            return seconds == 0 ? 0 : requests / seconds;
        }

        ObjectNode json(double offeredPerSecond) {
            ObjectNode node = Json.object().put("requests", requests).put("errors", errors)
                    .put("seconds", round(seconds)).put("perSecond", round(perSecond()));
            if (offeredPerSecond > 0) node.put("offeredPerSecond", offeredPerSecond);
            node.put("p50Micros", micros(latency, 50)).put("p99Micros", micros(latency, 99))
                    .put("p999Micros", micros(latency, 99.9)).put("maxMicros", round(latency.getMaxValue() / 1e3))
                    .put("serviceP50Micros", micros(service, 50)).put("serviceP99Micros", micros(service, 99));
            if (firstError != null) node.put("firstError", firstError);
            return node;
        }

        private static double micros(Histogram histogram, double percentile) {
            return histogram.getTotalCount() == 0 ? 0 : round(histogram.getValueAtPercentile(percentile) / 1e3);
        }

        private static double round(double value) {
            return Math.round(value * 10) / 10.0;
        }
    }
}
