package dev.jetway.core.lifecycle;

import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;

/**
 * Brings providers up and down: a child process locally, an ECS task on AWS, nothing to launch for
 * a remote server. The lifecycle decides <em>whether</em> to start (through the event store); a
 * launcher only does what it is told.
 */
public interface ProviderLauncher {

    /**
     * Launches the provider if it needs launching and opens an initialized MCP session with it.
     *
     * @throws ProviderUnavailableException when it cannot be launched or does not answer MCP
     */
    Launched start(String provider, ProviderSpec spec, UpstreamListener listener);

    /**
     * Opens a session with a provider that another gateway instance started and recorded at
     * {@code endpoint}. Providers that live inside one instance (stdio children) cannot be reached
     * from another, which is what the default says.
     */
    default UpstreamSession attach(String provider, ProviderSpec spec, String endpoint, UpstreamListener listener) {
        throw new ProviderUnavailableException(provider, "it was started by another gateway instance (" + endpoint
                + ") and a " + spec.mode().wireName() + " provider cannot be reached from this one");
    }

    /** Stops what {@link #start} launched and closes its session; never throws for an already dead one. */
    void stop(String provider, Launched launched);

    /** Whether what was launched still runs (not an MCP ping: the process or task, and the session). */
    Probe probe(String provider, Launched launched);
}
