package dev.jetway.core.lifecycle;

import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.upstream.ProviderUnavailableException;
import java.time.Duration;

/**
 * A call waited its whole start budget and the provider is still not READY. Retryable: the start
 * goes on in the background, so the same call a few seconds later usually succeeds.
 */
public final class ProviderNotReadyException extends ProviderUnavailableException {

    private final LifecycleState state;
    private final Duration waited;

    public ProviderNotReadyException(String provider, LifecycleState state, Duration waited) {
        super(provider, "it is still " + state + " after waiting " + waited.toSeconds()
                + " s; the start goes on in the background, retry the call in a few seconds");
        this.state = state;
        this.waited = waited;
    }

    public LifecycleState state() {
        return state;
    }

    public Duration waited() {
        return waited;
    }
}
