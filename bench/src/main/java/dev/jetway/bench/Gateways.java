package dev.jetway.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts every target for one upstream: the upstream itself over HTTP (direct, the floor), Jetway
 * local mode and the Lambda handler behind the API Gateway emulator (both to the upstream over
 * HTTP, as a {@code remote} provider), and Jetway local mode, supergateway and mcp-proxy fronting the
 * same upstream over stdio. Each is a process of its own.
 */
final class Gateways {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Lambda's java21 runtime stops tiered compilation at C1; the emulated function does the same. */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    private final Path projectRoot;
    private final Path workDirectory;
    private final Processes processes;
    private final String classPath;

    Gateways(Path projectRoot, Path workDirectory, Processes processes) {
        this.projectRoot = projectRoot;
        this.workDirectory = workDirectory;
        this.processes = processes;
        this.classPath = System.getProperty("java.class.path");
    }

    /** Starts the upstream over HTTP and every target in front of it, and waits until each answers. */
    List<Target> startAll(Upstream upstream) throws IOException {
        List<Target> targets = new ArrayList<>();
        URI direct = startUpstreamHttp(upstream);
        targets.add(new Target("direct", "direct", direct, "", "http"));
        targets.add(jetwayLocal(upstream.name() + "-local-remote", remoteConfig(direct), List.of(), "jetway-local", "http"));
        targets.add(jetwayLambda(upstream.name() + "-lambda-remote", remoteConfig(direct)));
        targets.add(jetwayLocal(upstream.name() + "-local-stdio", stdioConfig(upstream), List.of(), "jetway-local", "stdio"));
        targets.add(supergateway(upstream));
        targets.add(mcpProxy(upstream));
        for (Target target : targets) awaitListsEcho(target);
        return targets;
    }

    URI startUpstreamHttp(Upstream upstream) throws IOException {
        int port = Processes.freePort();
        String name = upstream.name() + "-http";
        Process process = processes.start(name, upstream.httpCommand(port), upstream.httpEnvironment(port), projectRoot);
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
        Processes.awaitMcp(name, process, endpoint, START_TIMEOUT, processes.log(name));
        return endpoint;
    }

    /** Jetway local mode as {@code make run} starts it, on a config of the bench's own. */
    Target jetwayLocal(String name, String yaml, List<String> jvmFlags, String targetName, String transport)
            throws IOException {
        int port = Processes.freePort();
        Path config = writeConfig(name, yaml);
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classPath, "dev.jetway.local.JetwayLocal",
                "--config", config.toString(), "--port", Integer.toString(port), "--host", "127.0.0.1"));
        Process process = processes.start(name, command, Map.of(), workDirectory);
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
        Processes.awaitMcp(name, process, endpoint, START_TIMEOUT, processes.log(name));
        return new Target(targetName + "/" + transport, "jetway", endpoint, "up__", transport);
    }

    /** The gateway function's handler behind the API Gateway emulator ({@code make run-lambda}). */
    private Target jetwayLambda(String name, String yaml) throws IOException {
        int port = Processes.freePort();
        Path config = writeConfig(name, yaml);
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m"));
        command.addAll(LAMBDA_JVM_FLAGS);
        command.addAll(List.of("-cp", classPath, "dev.jetway.functions.RunLambdaLocally"));
        Process process = processes.start(name, command,
                Map.of("JETWAY_CONFIG", config.toString(), "JETWAY_PORT", Integer.toString(port)), workDirectory);
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
        Processes.awaitMcp(name, process, endpoint, START_TIMEOUT, processes.log(name));
        return new Target("jetway-lambda/http", "jetway", endpoint, "up__", "http");
    }

    /** supergateway in stateful Streamable HTTP mode (its stateless mode spawns the server per request). */
    Target supergateway(Upstream upstream) throws IOException {
        int port = Processes.freePort();
        String name = upstream.name() + "-supergateway";
        List<String> command = List.of("node", peer("supergateway/dist/index.js").toString(),
                "--stdio", shellCommand(upstream.stdioCommand()), "--outputTransport", "streamableHttp", "--stateful",
                "--port", Integer.toString(port), "--logLevel", "none");
        Process process = processes.start(name, command, Map.of(), projectRoot);
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
        Processes.awaitMcp(name, process, endpoint, START_TIMEOUT, processes.log(name));
        return new Target("supergateway/stdio", "peer", endpoint, "", "stdio");
    }

    /** mcp-proxy (punkpeye) serving Streamable HTTP only, with its defaults otherwise. */
    Target mcpProxy(Upstream upstream) throws IOException {
        int port = Processes.freePort();
        String name = upstream.name() + "-mcp-proxy";
        List<String> command = new ArrayList<>(List.of("node", peer("mcp-proxy/dist/bin/mcp-proxy.mjs").toString(),
                "--port", Integer.toString(port), "--server", "stream", "--"));
        command.addAll(upstream.stdioCommand());
        Process process = processes.start(name, command, Map.of(), projectRoot);
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
        Processes.awaitMcp(name, process, endpoint, START_TIMEOUT, processes.log(name));
        return new Target("mcp-proxy/stdio", "peer", endpoint, "", "stdio");
    }

    static String remoteConfig(URI upstream) {
        // The benchmark's upstream listens on loopback, which remote providers may reach only when allowed.
        return baseConfig() + "  up: {mode: remote, url: \"" + upstream + "\"}\n"
                + "security:\n  providers:\n    up: {allow_private_network: true}\n";
    }

    static String stdioConfig(Upstream upstream) {
        StringBuilder command = new StringBuilder();
        for (String part : upstream.stdioCommand()) command.append(command.isEmpty() ? "" : ", ").append('"').append(part).append('"');
        return baseConfig() + "  up: {mode: subprocess, command: [" + command + "]}\n";
    }

    /**
     * The provider starts with the gateway; no management tools (so tools/list carries the
     * upstream's tools only); per-request telemetry lines on stderr and the JSONL file are off,
     * the Prometheus metrics stay on (every request is still observed and counted).
     */
    private static String baseConfig() {
        return """
                gateway:
                  warm_on_start: true
                  management_tools: false
                telemetry:
                  stderr: false
                  jsonl: false
                providers:
                """;
    }

    /** Polls tools/list until the target lists the echo tool (a gateway learns its provider's tools on start). */
    static void awaitListsEcho(Target target) throws IOException {
        Workload list = Workload.toolsList(target);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String problem;
        try (McpConnection connection = McpConnection.open(target.endpoint())) {
            do {
                problem = list.problemWith(connection.request(list.body()));
                if (problem == null) return;
                Processes.pause(Duration.ofMillis(50));
            } while (System.nanoTime() < deadline);
        }
        throw new IOException(target.name() + " at " + target.endpoint() + " did not list the echo tool: " + problem);
    }

    Path peer(String relative) {
        Path path = projectRoot.resolve("bench/node_modules").resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: run `npm ci --prefix bench` (make bench and make test do this)");
        }
        return path;
    }

    private Path writeConfig(String name, String yaml) throws IOException {
        return Files.writeString(workDirectory.resolve(name + ".yaml"), yaml);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** supergateway runs its --stdio argument through a shell. */
    private static String shellCommand(List<String> command) {
        StringBuilder line = new StringBuilder();
        for (String part : command) line.append(line.isEmpty() ? "" : " ").append('\'').append(part.replace("'", "'\\''")).append('\'');
        return line.toString();
    }
}
