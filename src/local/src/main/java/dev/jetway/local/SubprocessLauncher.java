package dev.jetway.local;

import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.lifecycle.Launched;
import dev.jetway.core.lifecycle.Probe;
import dev.jetway.core.lifecycle.ProviderLauncher;
import dev.jetway.core.upstream.UpstreamListener;

/**
 * Launches {@code subprocess} providers as stdio child processes of this JVM. A child belongs to
 * the instance that started it, so other instances cannot attach to it (the port's default).
 */
public final class SubprocessLauncher implements ProviderLauncher {

    private final SubprocessConnector connector;

    public SubprocessLauncher(SubprocessConnector connector) {
        this.connector = connector;
    }

    @Override
    public Launched start(String provider, ProviderSpec spec, UpstreamListener listener) {
        SubprocessSession session = connector.open(provider, spec, listener);
        return Launched.owned(session, "stdio pid " + session.pid());
    }

    /** Closes stdin, then terminates the process (forcibly after a grace period). */
    @Override
    public void stop(String provider, Launched launched) {
        launched.session().close();
    }

    @Override
    public Probe probe(String provider, Launched launched) {
        if (launched.session() instanceof SubprocessSession child) {
            if (!child.processAlive()) return Probe.gone(child.exitDescription());
            if (!child.isOpen()) return Probe.gone("the process closed its stdout");
            return Probe.running();
        }
        return launched.session().isOpen() ? Probe.running() : Probe.gone("the session closed");
    }
}
