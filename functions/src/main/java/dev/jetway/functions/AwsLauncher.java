package dev.jetway.functions;

import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.lifecycle.ConnectorLauncher;
import dev.jetway.core.lifecycle.Launched;
import dev.jetway.core.lifecycle.Probe;
import dev.jetway.core.lifecycle.ProviderLauncher;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.util.Map;

/**
 * Picks the launcher for a provider's mode on AWS: container providers are ECS tasks, remote and
 * lambda providers are reached through their connectors. A deployment without container providers
 * has no ECS launcher (no ECS settings, no ECS client).
 */
final class AwsLauncher implements ProviderLauncher {

    private final Map<String, ProviderSpec> providers;
    private final ProviderLauncher connectors;
    private final ProviderLauncher ecs;

    /** @param ecs the launcher of container providers, or null when none is configured */
    AwsLauncher(Map<String, ProviderSpec> providers, ProviderLauncher connectors, ProviderLauncher ecs) {
        this.providers = Map.copyOf(providers);
        this.connectors = connectors;
        this.ecs = ecs;
    }

    static AwsLauncher of(Map<String, ProviderSpec> providers, AwsConnector connector, ProviderLauncher ecs) {
        return new AwsLauncher(providers, new ConnectorLauncher(connector), ecs);
    }

    @Override
    public Launched start(String provider, ProviderSpec spec, UpstreamListener listener) {
        return pick(provider, spec).start(provider, spec, listener);
    }

    @Override
    public Launched start(String provider, ProviderSpec spec, long startVersion, UpstreamListener listener) {
        return pick(provider, spec).start(provider, spec, startVersion, listener);
    }

    @Override
    public UpstreamSession attach(String provider, ProviderSpec spec, String endpoint, UpstreamListener listener) {
        return pick(provider, spec).attach(provider, spec, endpoint, listener);
    }

    @Override
    public void stop(String provider, Launched launched) {
        pick(provider, providers.get(provider)).stop(provider, launched);
    }

    @Override
    public void stopRecorded(String provider, ProviderSpec spec, String endpoint) {
        pick(provider, spec).stopRecorded(provider, spec, endpoint);
    }

    @Override
    public Probe probe(String provider, Launched launched) {
        return pick(provider, providers.get(provider)).probe(provider, launched);
    }

    private ProviderLauncher pick(String provider, ProviderSpec spec) {
        if (spec == null) throw new ProviderUnavailableException(provider, "no such provider is configured");
        if (spec.mode() != ProviderMode.CONTAINER) return connectors;
        if (ecs == null) throw new ProviderUnavailableException(provider, "container providers need ECS settings (JETWAY_ECS_*)");
        return ecs;
    }
}
