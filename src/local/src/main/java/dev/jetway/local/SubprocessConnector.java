package dev.jetway.local;

import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.upstream.JsonRpcPeer;
import dev.jetway.core.upstream.PeerSession;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a {@code subprocess} provider as a child process speaking MCP over stdio: one JSON-RPC
 * message per line on stdin/stdout; its stderr goes to the gateway's log, prefixed with its name.
 */
public final class SubprocessConnector implements ProviderConnector {

    private final Path workingDirectory;
    private final Duration startTimeout;
    private final Consumer<String> log;

    public SubprocessConnector(Path workingDirectory, Duration startTimeout, Consumer<String> log) {
        this.workingDirectory = workingDirectory;
        this.startTimeout = startTimeout;
        this.log = log;
    }

    @Override
    public UpstreamSession connect(String name, ProviderSpec spec, UpstreamListener providerListener) {
        return open(name, spec, providerListener);
    }

    /** Starts the child process and initializes the session; the session knows its process. */
    public SubprocessSession open(String name, ProviderSpec spec, UpstreamListener providerListener) {
        if (spec.mode() != ProviderMode.SUBPROCESS) {
            throw new ProviderUnavailableException(name, "mode " + spec.mode().wireName() + " is not a subprocess");
        }
        ProcessBuilder builder = new ProcessBuilder(spec.command()).directory(workingDirectory.toFile());
        builder.environment().putAll(spec.env());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ProviderUnavailableException(name, "cannot start " + spec.command() + ": " + e.getMessage(), e);
        }
        OutputStream stdin = process.getOutputStream();
        JsonRpcPeer peer = new JsonRpcPeer(name, line -> write(stdin, line), providerListener);
        daemon("jetway-" + name + "-stdout", () -> readStdout(process, peer, name));
        daemon("jetway-" + name + "-stderr", () -> relayStderr(process, name));
        return new SubprocessSession(PeerSession.open(peer, () -> stop(process), startTimeout), process);
    }

    private static synchronized void write(OutputStream stdin, String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readStdout(Process process, JsonRpcPeer peer, String name) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) peer.accept(line);
            }
        } catch (IOException e) {
            peer.closed("its stdout failed: " + e.getMessage());
            return;
        }
        peer.closed(exitDescription(process));
    }

    private void relayStderr(Process process, String name) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) log.accept("[" + name + "] " + line);
        } catch (IOException e) {
            log.accept("[" + name + "] stderr closed: " + e.getMessage());
        }
    }

    static String exitDescription(Process process) {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) return "the process exited with status " + process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "the process closed its stdout";
    }

    private static void stop(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Closing stdin is the polite stop signal; if it fails the destroy below still stops it.
        }
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
