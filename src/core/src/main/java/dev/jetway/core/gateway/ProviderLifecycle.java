package dev.jetway.core.gateway;

import dev.jetway.core.upstream.UpstreamSession;
import java.util.Optional;
import java.util.function.Function;

/**
 * Starts and stops providers. The gateway only asks for a session or to run a call; how a
 * provider gets there (the event-sourced lifecycle in {@code dev.jetway.core.lifecycle}) is this
 * port's business.
 */
public interface ProviderLifecycle extends AutoCloseable {

    /**
     * A live session with the provider, starting it if needed.
     *
     * @throws dev.jetway.core.upstream.ProviderUnavailableException when it cannot be started
     */
    UpstreamSession acquire(String provider);

    /**
     * Runs one call against the provider, starting it if needed. Implementations may guard it (a
     * circuit breaker) and record the use; the default just acquires.
     */
    default <T> T call(String provider, Function<UpstreamSession, T> work) {
        return work.apply(acquire(provider));
    }

    /** The live session if the provider runs, without starting it. */
    Optional<UpstreamSession> ifRunning(String provider);

    /** The lifecycle state for logs and status (COLD, READY, DEAD with the reason, ...). */
    String describeState(String provider);

    /** Stops every provider that runs. */
    @Override
    void close();
}
