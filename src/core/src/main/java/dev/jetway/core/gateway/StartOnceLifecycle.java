package dev.jetway.core.gateway;

import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The simplest honest lifecycle: a provider is started by the first caller that needs it, other
 * callers wait for that start, and a provider whose session died is started again on next use.
 * A failed start is not cached, so the next call tries again.
 */
public final class StartOnceLifecycle implements ProviderLifecycle {

    private final Map<String, Slot> slots = new LinkedHashMap<>();

    private static final class Slot {
        final String name;
        final ProviderSpec spec;
        volatile UpstreamSession session;
        volatile String lastFailure;

        Slot(String name, ProviderSpec spec) {
            this.name = name;
            this.spec = spec;
        }
    }

    private final ProviderConnector connector;
    private final Function<String, UpstreamListener> listeners;

    /**
     * @param listeners gives each provider the listener for what it sends outside any request
     */
    public StartOnceLifecycle(Map<String, ProviderSpec> providers, ProviderConnector connector,
                              Function<String, UpstreamListener> listeners) {
        this.connector = connector;
        this.listeners = listeners;
        providers.forEach((name, spec) -> slots.put(name, new Slot(name, spec)));
    }

    @Override
    public UpstreamSession acquire(String provider) {
        Slot slot = slot(provider);
        UpstreamSession current = slot.session;
        if (current != null && current.isOpen()) return current;
        synchronized (slot) {
            if (slot.session != null && slot.session.isOpen()) return slot.session;
            try {
                slot.session = connector.connect(slot.name, slot.spec, listeners.apply(slot.name));
                slot.lastFailure = null;
                return slot.session;
            } catch (ProviderUnavailableException e) {
                slot.lastFailure = e.getMessage();
                throw e;
            } catch (RuntimeException e) {
                slot.lastFailure = e.toString();
                throw new ProviderUnavailableException(provider, "start failed: " + e, e);
            }
        }
    }

    @Override
    public Optional<UpstreamSession> ifRunning(String provider) {
        UpstreamSession session = slot(provider).session;
        return session != null && session.isOpen() ? Optional.of(session) : Optional.empty();
    }

    @Override
    public String describeState(String provider) {
        Slot slot = slot(provider);
        if (slot.session != null && slot.session.isOpen()) return "READY";
        if (slot.lastFailure != null) return "FAILED (" + slot.lastFailure + ")";
        return "COLD";
    }

    @Override
    public void close() {
        for (Slot slot : slots.values()) {
            UpstreamSession session = slot.session;
            if (session != null) session.close();
        }
    }

    private Slot slot(String provider) {
        Slot slot = slots.get(provider);
        if (slot == null) throw new ProviderUnavailableException(provider, "no such provider is configured");
        return slot;
    }
}
