package dev.jetway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The processes a benchmark run starts (upstream servers, gateways), each with its output in a log
 * file, all stopped with their children when the run ends or fails.
 */
final class Processes implements AutoCloseable {

    private final Path logDirectory;
    private final List<Process> started = new ArrayList<>();

    Processes(Path logDirectory) throws IOException {
        this.logDirectory = Files.createDirectories(logDirectory);
    }

    /** Starts a command; its stdout and stderr go to {@code <logDirectory>/<name>.log}. */
    Process start(String name, List<String> command, Map<String, String> environment, Path workingDirectory)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logDirectory.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** Waits until an MCP session can be opened at the endpoint, or fails naming the log to read. */
    static void awaitMcp(String name, Process process, URI endpoint, Duration timeout, Path log) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with status " + process.exitValue() + " before serving; see " + log);
            }
            try (McpConnection ignored = McpConnection.open(endpoint)) {
                return;
            } catch (IOException e) {
                last = e;
            }
            pause(Duration.ofMillis(20));
        }
        throw new IOException(name + " did not serve MCP at " + endpoint + " within " + timeout.toSeconds() + " s; see " + log, last);
    }

    Path log(String name) {
        return logDirectory.resolve(name + ".log");
    }

    /** Stops one process and its children. */
    static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Processes started from now on until the scope closes, which stops them. */
    Scope scope() {
        return new Scope(started.size());
    }

    final class Scope implements AutoCloseable {
        private final int from;

        private Scope(int from) {
            this.from = from;
        }

        @Override
        public void close() {
            while (started.size() > from) stop(started.removeLast());
        }
    }

    @Override
    public void close() {
        for (Process process : started.reversed()) stop(process);
        started.clear();
    }
}
