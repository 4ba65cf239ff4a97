package dev.jetway.functions;

import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.lifecycle.Launched;
import dev.jetway.core.lifecycle.Probe;
import dev.jetway.core.lifecycle.ProviderLauncher;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;

/**
 * Traces starts, attaches and stops (their ECS calls are child spans) and hands out sessions that
 * trace their requests. The wrapped launcher always gets back the {@link Launched} it made.
 */
final class TracingLauncher implements ProviderLauncher {

    private final ProviderLauncher delegate;
    private final Tracer tracer;

    TracingLauncher(ProviderLauncher delegate, Tracer tracer) {
        this.delegate = delegate;
        this.tracer = tracer;
    }

    @Override
    public Launched start(String provider, ProviderSpec spec, UpstreamListener listener) {
        return traced(provider, Spans.run(span("start", provider, spec), () -> delegate.start(provider, spec, listener)));
    }

    @Override
    public Launched start(String provider, ProviderSpec spec, long startVersion, UpstreamListener listener) {
        return traced(provider, Spans.run(span("start", provider, spec),
                () -> delegate.start(provider, spec, startVersion, listener)));
    }

    @Override
    public UpstreamSession attach(String provider, ProviderSpec spec, String endpoint, UpstreamListener listener) {
        return new TracedSession(Spans.run(span("attach", provider, spec),
                () -> delegate.attach(provider, spec, endpoint, listener)), provider, tracer);
    }

    @Override
    public void stop(String provider, Launched launched) {
        Spans.run(span("stop", provider, null), () -> delegate.stop(provider, untraced(launched)));
    }

    @Override
    public void stopRecorded(String provider, ProviderSpec spec, String endpoint) {
        Spans.run(span("stop", provider, spec), () -> delegate.stopRecorded(provider, spec, endpoint));
    }

    @Override
    public Probe probe(String provider, Launched launched) {
        return delegate.probe(provider, untraced(launched));
    }

    private SpanBuilder span(String action, String provider, ProviderSpec spec) {
        SpanBuilder span = tracer.spanBuilder(action + " " + provider).setAttribute(Spans.PROVIDER, provider);
        return spec == null ? span : span.setAttribute(Spans.PROVIDER_MODE, spec.mode().wireName());
    }

    private Launched traced(String provider, Launched launched) {
        return new Launched(new TracedSession(launched.session(), provider, tracer), launched.endpoint(), launched.owned());
    }

    private static Launched untraced(Launched launched) {
        return launched.session() instanceof TracedSession traced
                ? new Launched(traced.delegate(), launched.endpoint(), launched.owned()) : launched;
    }
}
