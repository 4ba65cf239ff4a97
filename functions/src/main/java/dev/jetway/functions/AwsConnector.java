package dev.jetway.functions;

import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;

/** Picks the connector for a provider's mode on AWS; modes Lambda cannot run fail with the reason. */
final class AwsConnector implements ProviderConnector {

    private final ProviderConnector remote;
    private final ProviderConnector lambda;

    AwsConnector(ProviderConnector remote, ProviderConnector lambda) {
        this.remote = remote;
        this.lambda = lambda;
    }

    @Override
    public UpstreamSession connect(String name, ProviderSpec spec, UpstreamListener listener) {
        return switch (spec.mode()) {
            case REMOTE -> remote.connect(name, spec, listener);
            case LAMBDA -> lambda.connect(name, spec, listener);
            case SUBPROCESS -> throw new ProviderUnavailableException(name,
                    "subprocess providers cannot run on AWS Lambda (no child processes); use mode remote, lambda or container");
            case CONTAINER -> throw new ProviderUnavailableException(name,
                    "container providers need the provider lifecycle (ECS tasks), not available in this version");
            case GROUP -> throw new ProviderUnavailableException(name,
                    "group providers need the provider lifecycle, not available in this version");
        };
    }
}
