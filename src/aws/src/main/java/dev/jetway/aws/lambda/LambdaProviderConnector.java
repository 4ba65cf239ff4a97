package dev.jetway.aws.lambda;

import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.time.Duration;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Reaches {@code lambda} providers: the provider's {@code url} names a function that takes one
 * MCP JSON-RPC message as its payload and returns the JSON-RPC response as its result.
 */
public final class LambdaProviderConnector implements ProviderConnector {

    private final LambdaClient lambda;
    private final Duration startTimeout;

    public LambdaProviderConnector(LambdaClient lambda, Duration startTimeout) {
        this.lambda = lambda;
        this.startTimeout = startTimeout;
    }

    @Override
    public UpstreamSession connect(String name, ProviderSpec spec, UpstreamListener providerListener) {
        if (spec.mode() != ProviderMode.LAMBDA) {
            throw new ProviderUnavailableException(name, "mode " + spec.mode().wireName() + " is not lambda");
        }
        FunctionTarget target;
        try {
            target = FunctionTarget.parse(spec.url());
        } catch (IllegalArgumentException e) {
            throw new ProviderUnavailableException(name, e.getMessage(), e);
        }
        return LambdaInvokeSession.open(name, lambda, target, startTimeout);
    }
}
