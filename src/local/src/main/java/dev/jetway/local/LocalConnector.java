package dev.jetway.local;

import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;

/** Picks the connector for a provider's mode; modes local mode cannot run fail with a clear reason. */
public final class LocalConnector implements ProviderConnector {

    private final ProviderConnector subprocess;
    private final ProviderConnector remote;

    public LocalConnector(ProviderConnector subprocess, ProviderConnector remote) {
        this.subprocess = subprocess;
        this.remote = remote;
    }

    @Override
    public UpstreamSession connect(String name, ProviderSpec spec, UpstreamListener listener) {
        return switch (spec.mode()) {
            case SUBPROCESS -> subprocess.connect(name, spec, listener);
            case REMOTE -> remote.connect(name, spec, listener);
            case CONTAINER -> throw new ProviderUnavailableException(name,
                    "container providers need the provider lifecycle (docker locally, ECS on AWS), not available in this version");
            case LAMBDA -> throw new ProviderUnavailableException(name, "lambda providers are only available on AWS");
            case GROUP -> throw new ProviderUnavailableException(name,
                    "group providers need the provider lifecycle, not available in this version");
        };
    }
}
