package dev.jetway.core.groups;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls this gateway instance has open to each provider. Per instance on purpose: on Lambda every
 * instance counts only its own calls, so {@code least_connections} balances what one instance
 * sends, not the fleet's load.
 */
public final class InFlightCalls {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** Counts one more call to {@code provider} until the returned lease is closed. */
    public Lease open(String provider) {
        counts.computeIfAbsent(provider, p -> new AtomicInteger()).incrementAndGet();
        return new Lease(provider);
    }

    /** Calls open to {@code provider} right now. */
    public int count(String provider) {
        AtomicInteger count = counts.get(provider);
        return count == null ? 0 : count.get();
    }

    /** One open call; closing it twice counts it down once. */
    public final class Lease implements AutoCloseable {
        private final String provider;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(String provider) {
            this.provider = provider;
        }

        public String provider() {
            return provider;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) counts.get(provider).decrementAndGet();
        }
    }
}
