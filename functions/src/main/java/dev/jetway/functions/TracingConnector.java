package dev.jetway.functions;

import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import io.opentelemetry.api.trace.Tracer;

/** Traces each connect (launch and initialize handshake) and returns sessions that trace their requests. */
final class TracingConnector implements ProviderConnector {

    private final ProviderConnector delegate;
    private final Tracer tracer;

    TracingConnector(ProviderConnector delegate, Tracer tracer) {
        this.delegate = delegate;
        this.tracer = tracer;
    }

    @Override
    public UpstreamSession connect(String providerName, ProviderSpec spec, UpstreamListener providerListener) {
        UpstreamSession session = Spans.run(tracer.spanBuilder("connect " + providerName)
                        .setAttribute(Spans.PROVIDER, providerName).setAttribute(Spans.PROVIDER_MODE, spec.mode().wireName()),
                () -> delegate.connect(providerName, spec, providerListener));
        return new TracedSession(session, providerName, tracer);
    }
}
