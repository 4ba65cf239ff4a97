package dev.jetway.local;

import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.lifecycle.Launched;
import dev.jetway.core.lifecycle.Probe;
import dev.jetway.core.lifecycle.ProviderLauncher;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;

/** Picks the launcher for a provider's mode; modes local mode cannot run fail with a clear reason. */
public final class LocalLauncher implements ProviderLauncher {

    private final ProviderLauncher subprocess;
    private final ProviderLauncher remote;

    public LocalLauncher(ProviderLauncher subprocess, ProviderLauncher remote) {
        this.subprocess = subprocess;
        this.remote = remote;
    }

    @Override
    public Launched start(String name, ProviderSpec spec, UpstreamListener listener) {
        return forMode(name, spec).start(name, spec, listener);
    }

    @Override
    public UpstreamSession attach(String name, ProviderSpec spec, String endpoint, UpstreamListener listener) {
        return forMode(name, spec).attach(name, spec, endpoint, listener);
    }

    @Override
    public void stop(String name, Launched launched) {
        forSession(launched).stop(name, launched);
    }

    @Override
    public Probe probe(String name, Launched launched) {
        return forSession(launched).probe(name, launched);
    }

    private ProviderLauncher forSession(Launched launched) {
        return launched.session() instanceof SubprocessSession ? subprocess : remote;
    }

    private ProviderLauncher forMode(String name, ProviderSpec spec) {
        return switch (spec.mode()) {
            case SUBPROCESS -> subprocess;
            case REMOTE -> remote;
            case CONTAINER -> throw new ProviderUnavailableException(name,
                    "container providers run as ECS tasks on AWS; local mode has no container launcher in this version");
            case LAMBDA -> throw new ProviderUnavailableException(name, "lambda providers are only available on AWS");
            case GROUP -> throw new ProviderUnavailableException(name,
                    "group providers route to their members; group routing is not available in this version");
        };
    }
}
