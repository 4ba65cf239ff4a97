package dev.jetway.core.gateway;

import dev.jetway.core.upstream.UpstreamSession;
import java.util.Optional;

/**
 * Starts and stops providers. The gateway only asks for a session; how a provider gets there
 * (a start-once guard now, the event-sourced lifecycle later) is this port's business.
 */
public interface ProviderLifecycle extends AutoCloseable {

    /**
     * A live session with the provider, starting it if needed.
     *
     * @throws dev.jetway.core.upstream.ProviderUnavailableException when it cannot be started
     */
    UpstreamSession acquire(String provider);

    /** The live session if the provider runs, without starting it. */
    Optional<UpstreamSession> ifRunning(String provider);

    /** A word for logs and status: COLD, READY or FAILED with the reason. */
    String describeState(String provider);

    /** Stops every provider that runs. */
    @Override
    void close();
}
