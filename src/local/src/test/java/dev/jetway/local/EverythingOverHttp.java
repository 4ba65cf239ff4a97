package dev.jetway.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * server-everything from npm as a Streamable HTTP server on a free loopback port, for tests of
 * remote providers. It takes its port from {@code PORT}; the port is probed free just before, and
 * a start that loses the port to another process is retried.
 */
final class EverythingOverHttp implements AutoCloseable {

    private final Process process;
    final int port;

    private EverythingOverHttp(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static EverythingOverHttp start() throws Exception {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(TestTools.node(), TestTools.serverEverything().toString(),
                    "streamableHttp").redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("PORT", Integer.toString(port));
            Process process = builder.start();
            CompletableFuture<Boolean> listening = CompletableFuture.supplyAsync(() -> awaitListening(process));
            if (listening.get(30, TimeUnit.SECONDS)) return new EverythingOverHttp(process, port);
            process.destroyForcibly();
            last = new IllegalStateException("server-everything did not start listening on port " + port);
        }
        throw last;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    /** A loopback port nothing listens on (probed free, then released). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean awaitListening(Process process) {
        // Not closed here: after start-up a virtual thread keeps draining it.
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = err.readLine()) != null) {
                if (line.contains("listening on port")) {
                    Thread.ofVirtual().start(() -> drain(err));
                    return true;
                }
                if (line.contains("already in use")) return false;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void drain(BufferedReader reader) {
        try {
            while (reader.readLine() != null) {
                // Keep the pipe empty so the server never blocks on its log.
            }
        } catch (IOException e) {
            // The server stopped.
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
