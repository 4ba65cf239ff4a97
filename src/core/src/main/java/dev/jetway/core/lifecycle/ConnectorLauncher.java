package dev.jetway.core.lifecycle;

import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;

/**
 * A launcher over a {@link ProviderConnector}: starting is connecting (the connector launches what
 * it must), stopping is closing the session, and the probe is the session's liveness. Remote
 * providers can be attached to from any instance, since they run nowhere in particular.
 */
public final class ConnectorLauncher implements ProviderLauncher {

    private final ProviderConnector connector;

    public ConnectorLauncher(ProviderConnector connector) {
        this.connector = connector;
    }

    @Override
    public Launched start(String provider, ProviderSpec spec, UpstreamListener listener) {
        return Launched.owned(connector.connect(provider, spec, listener), endpointOf(spec));
    }

    @Override
    public UpstreamSession attach(String provider, ProviderSpec spec, String endpoint, UpstreamListener listener) {
        if (spec.mode() != ProviderMode.REMOTE) return ProviderLauncher.super.attach(provider, spec, endpoint, listener);
        return connector.connect(provider, spec, listener);
    }

    @Override
    public void stop(String provider, Launched launched) {
        launched.session().close();
    }

    @Override
    public Probe probe(String provider, Launched launched) {
        return launched.session().isOpen() ? Probe.running() : Probe.gone("the session with the provider closed");
    }

    static String endpointOf(ProviderSpec spec) {
        return switch (spec.mode()) {
            case REMOTE, LAMBDA -> spec.url();
            case CONTAINER -> spec.image();
            case SUBPROCESS -> "stdio";
            case GROUP -> "group";
        };
    }
}
