package dev.jetway.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code make bench}: Jetway measured beside the gateways users would pick instead, in one run.
 * Writes {@code bench/results/latest.json} (every number) and {@code BENCHMARKS.md} (machine,
 * method, tables, targets). The method is described in {@link LatencyBench}, {@link LoadGenerator},
 * {@link ColdStartBench} and {@link EventStoreBench}, and in BENCHMARKS.md.
 */
public final class Bench {

    static final List<String> METHODS = List.of("tools/call", "tools/list");

    private final BenchOptions options;
    private final LoadAverage load = new LoadAverage();

    Bench(BenchOptions options) {
        this.options = options;
    }

    /** With {@code --report-only}, renders BENCHMARKS.md again from bench/results/latest.json without measuring. */
    public static void main(String[] args) throws Exception {
        System.setProperty("log4j2.configurationFile", "classpath:log4j2-bench.xml");
        Path root = Path.of("").toAbsolutePath();
        BenchOptions options = BenchOptions.fromEnvironment(root, System.getenv());
        Path json = options.outputDirectory().resolve("latest.json");
        ObjectNode results;
        if (List.of(args).contains("--report-only")) {
            results = (ObjectNode) Json.parse(Files.readString(json));
        } else {
            results = new Bench(options).run();
            Files.createDirectories(json.getParent());
            Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n");
        }
        Path markdown = root.resolve("BENCHMARKS.md");
        Files.writeString(markdown, new Report(results).markdown());
        System.err.println("bench: wrote " + json + " and " + markdown);
        System.exit(0);
    }

    /** Runs every section; returns all results as one JSON tree. */
    ObjectNode run() throws Exception {
        long started = System.nanoTime();
        ObjectNode results = Json.object();
        results.set("machine", machine());
        results.set("options", Json.MAPPER.valueToTree(Map.of("segmentMs", options.segment().toMillis(),
                "rounds", options.rounds(), "concurrency", options.concurrency(), "coldSamples", options.coldSamples(),
                "storeCaseMs", options.storeCase().toMillis(), "profileMs", options.profile().toMillis(),
                "smoke", options.smoke())));
        load.sample();
        Path work = Files.createDirectories(options.outputDirectory().resolve("work"));
        try (Processes processes = new Processes(options.outputDirectory().resolve("logs"))) {
            Gateways gateways = new Gateways(options.projectRoot(), work, processes);
            ArrayNode scenarios = results.putArray("scenarios");
            for (Upstream upstream : List.of(Upstream.fast(options.projectRoot()), Upstream.everything(options.projectRoot()))) {
                try (Processes.Scope ignored = processes.scope()) {
                    System.err.println("bench: starting the targets for the " + upstream.name() + " upstream");
                    List<Target> targets = gateways.startAll(upstream);
                    if (upstream.name().equals("fast")) {
                        results.set("calibration", calibration(targets.getFirst()));
                        results.set("handlerCpu", handlerCpu(targets.getFirst().endpoint(), work, processes));
                        results.set("profile", profile(gateways, processes, targets.getFirst().endpoint(), work));
                    }
                    var connections = LatencyBench.connect(targets, options.concurrency());
                    LatencyBench latency = new LatencyBench(options, load);
                    for (String method : METHODS) scenarios.add(latency.run(upstream.name(), method, connections));
                    connections.values().forEach(list -> list.forEach(McpConnection::close));
                }
            }
            System.err.println("bench: cold start");
            results.set("coldStart", new ColdStartBench(options, work, processes, gateways).run());
            load.sample();
        }
        System.err.println("bench: event store on DynamoDB Local");
        results.set("eventStore", new EventStoreBench(options.storeCase()).run());
        load.sample();
        results.set("loadAverage", load.json());
        results.put("elapsedSeconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
        return results;
    }

    /**
     * The load generator's own cost: the same server, one connection, closed loop, through the raw
     * socket client the benchmark uses and through java.net.http.HttpClient.
     */
    private ObjectNode calibration(Target direct) throws IOException, InterruptedException {
        Workload echo = Workload.echoCall(direct);
        Duration duration = options.smoke() ? Duration.ofMillis(200) : Duration.ofSeconds(2);
        double raw;
        try (McpConnection connection = McpConnection.open(direct.endpoint())) {
            LoadGenerator.closedLoop(List.of(connection), echo, duration);
            raw = LoadGenerator.closedLoop(List.of(connection), echo, duration).latency().getValueAtPercentile(50) / 1e3;
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(direct.endpoint())
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
        HttpResponse<String> init = client.send(request.copy().POST(HttpRequest.BodyPublishers.ofString(
                "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                        + McpConnection.PROTOCOL_VERSION + "\",\"capabilities\":{}}}")).build(), HttpResponse.BodyHandlers.ofString());
        init.headers().firstValue("Mcp-Session-Id").ifPresent(id -> request.header("Mcp-Session-Id", id));
        HttpRequest call = request.POST(HttpRequest.BodyPublishers.ofByteArray(echo.body())).build();
        Histogram histogram = LoadGenerator.newHistogram();
        for (int pass = 0; pass < 2; pass++) {
            histogram.reset();
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                String body = client.send(call, HttpResponse.BodyHandlers.ofString()).body();
                if (echo.problemWith(body) != null) throw new IOException("HttpClient calibration: " + echo.problemWith(body));
                histogram.recordValue(Math.max(1_000, System.nanoTime() - t0));
            }
        }
        double httpClient = histogram.getValueAtPercentile(50) / 1e3;
        load.sample();
        return Json.object().put("rawSocketP50Micros", Math.round(raw * 10) / 10.0)
                .put("httpClientP50Micros", Math.round(httpClient * 10) / 10.0);
    }

    /** Gateway CPU per warm tools/call through the Lambda handler, in a JVM of its own (HandlerCpuMeasurement). */
    private ObjectNode handlerCpu(URI upstream, Path work, Processes processes) throws IOException, InterruptedException {
        Path config = Files.writeString(work.resolve("handler-cpu.yaml"),
                // API Gateway's host names, as the bundled jetway.yaml allows them.
                Gateways.remoteConfig(upstream).replace("gateway:\n", "gateway:\n  allowed_hosts: [\"*\"]\n"));
        int warmup = options.smoke() ? 50 : 5_000;
        int measured = options.smoke() ? 50 : 5_000;
        List<String> command = new ArrayList<>(List.of(Gateways.java(), "-Xmx512m"));
        command.addAll(Gateways.LAMBDA_JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.jetway.functions.HandlerCpuMeasurement",
                Integer.toString(warmup), Integer.toString(measured)));
        System.err.println("bench: handler CPU per tools/call");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectError(processes.log("handler-cpu").toFile());
        builder.environment().put("JETWAY_CONFIG", config.toString());
        Process process = builder.start();
        String line = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = out.readLine(); l != null; l = out.readLine()) if (l.startsWith("{\"calls\"")) line = l;
        }
        int exit = process.waitFor();
        if (line == null) throw new IOException("HandlerCpuMeasurement failed (exit " + exit + "); see " + processes.log("handler-cpu"));
        load.sample();
        return (ObjectNode) Json.parse(line);
    }

    /** A JFR profile of local mode (remote provider to the fast fixture) under closed-loop tools/call load. */
    private ObjectNode profile(Gateways gateways, Processes processes, URI upstream, Path work) throws IOException {
        Path recording = work.resolve("jetway-local.jfr");
        Files.deleteIfExists(recording);
        System.err.println("bench: JFR profile of local mode");
        Target target;
        ObjectNode summary;
        int connections = Math.min(4, options.concurrency());
        LoadGenerator.Segment segment;
        try (Processes.Scope stopsAndDumps = processes.scope()) {
            target = gateways.jetwayLocal("profiled-local-remote", Gateways.remoteConfig(upstream), Profile.jvmFlags(recording),
                    "jetway-local", "http");
            Gateways.awaitListsEcho(target);
            List<McpConnection> open = new ArrayList<>();
            for (int i = 0; i < connections; i++) open.add(McpConnection.open(target.endpoint()));
            segment = LoadGenerator.closedLoop(open, Workload.echoCall(target), options.profile());
            open.forEach(McpConnection::close);
        }
        summary = Files.exists(recording) ? Profile.summarise(recording, 15) : Json.object().put("samples", 0);
        summary.put("connections", connections).put("requests", segment.requests()).put("errors", segment.errors())
                .put("recording", recording.toString());
        load.sample();
        return summary;
    }

    private static ObjectNode machine() {
        ObjectNode machine = Json.object();
        machine.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        machine.put("nproc", Runtime.getRuntime().availableProcessors());
        machine.put("cpuModel", firstMatch(Path.of("/proc/cpuinfo"), "model name"));
        String mem = firstMatch(Path.of("/proc/meminfo"), "MemTotal");
        machine.put("memory", mem);
        machine.put("os", osName());
        machine.put("kernel", System.getProperty("os.version"));
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        machine.put("node", command("node", "--version"));
        machine.put("loadAverageAtStart", LoadAverage.now());
        return machine;
    }

    private static String osName() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) return line.substring(12).replace("\"", "");
            }
        } catch (IOException e) {
            // Not Linux, or no os-release.
        }
        return System.getProperty("os.name");
    }

    private static String firstMatch(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException e) {
            // Not Linux.
        }
        return "unknown";
    }

    static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor();
            return out;
        } catch (IOException e) {
            return "unavailable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unavailable";
        }
    }
}
