package dev.jetway.core.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.json.Json;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamErrorException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory providers for lifecycle tests: counts starts, attaches and stops, and fails on demand
 * (a start, pings, calls) or dies (its session closes, as when a process exits). Real subprocess
 * providers are exercised in jetway-local.
 */
final class ScriptedLauncher implements ProviderLauncher {

    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger attaches = new AtomicInteger();
    final AtomicInteger stops = new AtomicInteger();
    final AtomicInteger failingStarts = new AtomicInteger();
    volatile CountDownLatch startGate = new CountDownLatch(0);
    volatile boolean pingsFail;
    volatile boolean callsFail;
    volatile Session last;

    final class Session implements UpstreamSession {
        final String provider;
        volatile boolean open = true;

        Session(String provider) {
            this.provider = provider;
        }

        @Override
        public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout) {
            if (!open) throw new ProviderUnavailableException(provider, "the process exited with status 137");
            return switch (method) {
                case "tools/list" -> {
                    ObjectNode result = Json.object();
                    result.putArray("tools").addObject().put("name", "echo");
                    yield result;
                }
                case "ping" -> {
                    if (pingsFail) throw serverError("ping failed on purpose");
                    yield Json.object();
                }
                default -> {
                    if (callsFail) throw serverError("failing on purpose");
                    ObjectNode result = Json.object();
                    result.putArray("content").addObject().put("type", "text").put("text", "ok from " + provider);
                    yield result;
                }
            };
        }

        private UpstreamErrorException serverError(String message) {
            return new UpstreamErrorException(provider, Json.object().put("code", -32603).put("message", message));
        }

        @Override
        public void notify(String method, ObjectNode params) {}

        @Override
        public ObjectNode initializeResult() {
            ObjectNode result = Json.object();
            result.putObject("capabilities").putObject("tools");
            return result;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        void die() {
            open = false;
        }
    }

    @Override
    public Launched start(String provider, ProviderSpec spec, UpstreamListener listener) {
        starts.incrementAndGet();
        try {
            if (!startGate.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("start gate never opened");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException(provider, "interrupted");
        }
        if (failingStarts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ProviderUnavailableException(provider, "exit status 1 (failing on purpose)");
        }
        Session session = new Session(provider);
        last = session;
        return Launched.owned(session, "scripted:" + provider + "#" + starts.get());
    }

    @Override
    public UpstreamSession attach(String provider, ProviderSpec spec, String endpoint, UpstreamListener listener) {
        attaches.incrementAndGet();
        return new Session(provider);
    }

    @Override
    public void stop(String provider, Launched launched) {
        stops.incrementAndGet();
        launched.session().close();
    }

    @Override
    public Probe probe(String provider, Launched launched) {
        return launched.session().isOpen() ? Probe.running() : Probe.gone("the process exited with status 137");
    }
}
