package dev.jetway.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Cold start, fresh process to first answer, median of N samples per variant:
 * <ul>
 *   <li>the gateway function: a fresh JVM on the shaded jar runs {@code ColdStartMeasurement}
 *       (the handler built as Lambda's init builds it, then the first tools/list through the
 *       handler), as {@code functions/cold-start.sh} does, without and with the SnapStart priming
 *       hook, and each again with an AppCDS archive ({@code -XX:SharedArchiveFile}) written by a
 *       training run with {@code -XX:ArchiveClassesAtExit};</li>
 *   <li>the servers a user starts: Jetway local mode, supergateway and mcp-proxy fronting the fast
 *       stdio fixture, from spawn to the first tools/list that lists the echo tool.</li>
 * </ul>
 */
final class ColdStartBench {

    /** The same config as functions/cold-start.sh: predefined tools, nothing reached over the network. */
    private static final String HANDLER_CONFIG = """
            gateway:
              allowed_hosts: ["*"]
              background_discovery: false
            providers:
              weather:
                mode: remote
                url: https://weather.invalid/mcp
                tools:
                  - {name: forecast, description: Forecast for a city, inputSchema: {type: object, properties: {city: {type: string}}}}
                  - {name: alerts, description: Weather alerts, inputSchema: {type: object}}
            """;

    private final BenchOptions options;
    private final Path workDirectory;
    private final Processes processes;
    private final Gateways gateways;

    ColdStartBench(BenchOptions options, Path workDirectory, Processes processes, Gateways gateways) {
        this.options = options;
        this.workDirectory = workDirectory;
        this.processes = processes;
        this.gateways = gateways;
    }

    ObjectNode run() throws IOException {
        ObjectNode result = Json.object();
        result.set("handler", handler());
        result.set("servers", servers());
        return result;
    }

    private ObjectNode handler() throws IOException {
        Path config = Files.writeString(workDirectory.resolve("cold-start.yaml"), HANDLER_CONFIG);
        String classPath = jarOf("dev.jetway.functions.GatewayHandler") + java.io.File.pathSeparator
                + jarOf("dev.jetway.functions.ColdStartMeasurement");
        Path archive = workDirectory.resolve("jetway-functions.jsa");
        ObjectNode handler = Json.object().put("classPath", classPath);
        // Training run: the classes a primed first request loads go into the archive at exit.
        ObjectNode training = sample(config, classPath, "primed", List.of("-XX:ArchiveClassesAtExit=" + archive));
        boolean cds = Files.exists(archive);
        handler.put("appCdsArchiveWritten", cds).put("appCdsArchiveBytes", cds ? Files.size(archive) : 0)
                .put("appCdsTrainingMs", training.path("processMs").asDouble());
        ArrayNode variants = handler.putArray("variants");
        List<String> cdsFlags = List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        String[][] plan = cds
                ? new String[][] {{"unprimed", ""}, {"primed", ""}, {"unprimed", "cds"}, {"primed", "cds"}}
                : new String[][] {{"unprimed", ""}, {"primed", ""}};
        List<List<ObjectNode>> samples = new ArrayList<>();
        for (String[] ignored : plan) samples.add(new ArrayList<>());
        // Interleaved: sample i of every variant before sample i+1 of any.
        for (int i = 0; i < options.coldSamples(); i++) {
            for (int v = 0; v < plan.length; v++) {
                samples.get(v).add(sample(config, classPath, plan[v][0], plan[v][1].isEmpty() ? List.of() : cdsFlags));
            }
        }
        for (int v = 0; v < plan.length; v++) {
            ObjectNode variant = variants.addObject().put("mode", plan[v][0]).put("appCds", !plan[v][1].isEmpty())
                    .put("samples", samples.get(v).size());
            for (String field : List.of("processMs", "jvmToMainMs", "initMs", "primingMs", "firstToolsListMs", "classesLoaded")) {
                variant.put(field, median(samples.get(v), field));
            }
            // What a client waits for without SnapStart: JVM start, init, first request (priming not counted).
            variant.put("freshJvmToFirstAnswerMs", Math.round((variant.path("jvmToMainMs").asDouble()
                    + variant.path("initMs").asDouble() + variant.path("firstToolsListMs").asDouble()) * 10) / 10.0);
        }
        return handler;
    }

    /** One fresh JVM running ColdStartMeasurement; processMs is spawn to its answer line, seen from here. */
    private ObjectNode sample(Path config, String classPath, String mode, List<String> extraFlags) throws IOException {
        List<String> command = new ArrayList<>(List.of(Gateways.java()));
        command.addAll(Gateways.LAMBDA_JVM_FLAGS);
        command.addAll(extraFlags);
        command.addAll(List.of("-cp", classPath, "dev.jetway.functions.ColdStartMeasurement", mode));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JETWAY_CONFIG", config.toString());
        long started = System.nanoTime();
        Process process = builder.start();
        String answer = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("{\"mode\"")) {
                    answer = line;
                    break;
                }
            }
            long elapsed = System.nanoTime() - started;
            out.transferTo(java.io.Writer.nullWriter());
            waitFor(process);
            if (answer == null) throw new IOException("ColdStartMeasurement " + mode + " printed no result (exit "
                    + process.exitValue() + "): " + String.join(" ", command));
            ObjectNode node = (ObjectNode) Json.parse(answer);
            return node.put("processMs", Math.round(elapsed / 1e5) / 10.0);
        }
    }

    /** Jetway local mode and the npm peers, each fronting the fast stdio fixture, spawn to first list. */
    private ObjectNode servers() throws IOException {
        Upstream fast = Upstream.fast(options.projectRoot());
        ObjectNode servers = Json.object();
        Map<String, List<Double>> samples = new java.util.LinkedHashMap<>();
        for (int sample = 0; sample < options.coldSamples(); sample++) {
            int i = sample;
            samples.computeIfAbsent("jetway-local/stdio", k -> new ArrayList<>()).add(timeToFirstList(() ->
                    gateways.jetwayLocal("cold-local-" + i, Gateways.stdioConfig(fast), List.of(), "jetway-local", "stdio")));
            samples.computeIfAbsent("supergateway/stdio", k -> new ArrayList<>()).add(timeToFirstList(() -> gateways.supergateway(fast)));
            samples.computeIfAbsent("mcp-proxy/stdio", k -> new ArrayList<>()).add(timeToFirstList(() -> gateways.mcpProxy(fast)));
        }
        samples.forEach((name, values) -> {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            ArrayNode all = Json.MAPPER.createArrayNode();
            for (double v : sorted) all.add(v);
            servers.putObject(name).put("medianMs", median(sorted)).put("samples", sorted.length).set("allMs", all);
        });
        return servers;
    }

    private interface Starter {
        Target start() throws IOException;
    }

    /**
     * Starts a server (which waits until it answers initialize), then polls tools/list until the
     * echo tool is listed; the time counts from before the spawn. The server is stopped afterwards.
     */
    private double timeToFirstList(Starter starter) throws IOException {
        long started = System.nanoTime();
        try (Processes.Scope ignored = processes.scope()) {
            Target target = starter.start();
            Gateways.awaitListsEcho(target);
            return Math.round((System.nanoTime() - started) / 1e5) / 10.0;
        }
    }

    private static String jarOf(String className) {
        try {
            return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ClassNotFoundException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + className + " on the class path", e);
        }
    }

    private static double median(List<ObjectNode> samples, String field) {
        return median(samples.stream().mapToDouble(s -> s.path(field).asDouble()).sorted().toArray());
    }

    static double median(double[] sorted) {
        Arrays.sort(sorted);
        int n = sorted.length;
        double m = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return Math.round(m * 10) / 10.0;
    }

    private static void waitFor(Process process) {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
