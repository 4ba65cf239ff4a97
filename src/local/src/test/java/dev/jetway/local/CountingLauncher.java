package dev.jetway.local;

import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.lifecycle.Launched;
import dev.jetway.core.lifecycle.Probe;
import dev.jetway.core.lifecycle.ProviderLauncher;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.util.concurrent.atomic.AtomicInteger;

/** A real launcher that counts what it is asked to do. */
final class CountingLauncher implements ProviderLauncher {

    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger stops = new AtomicInteger();
    private final ProviderLauncher delegate;

    CountingLauncher(ProviderLauncher delegate) {
        this.delegate = delegate;
    }

    static CountingLauncher subprocesses() {
        return new CountingLauncher(new SubprocessLauncher(new SubprocessConnector(TestTools.projectRoot(),
                java.time.Duration.ofSeconds(30), System.err::println)));
    }

    @Override
    public Launched start(String provider, ProviderSpec spec, UpstreamListener listener) {
        starts.incrementAndGet();
        return delegate.start(provider, spec, listener);
    }

    @Override
    public UpstreamSession attach(String provider, ProviderSpec spec, String endpoint, UpstreamListener listener) {
        return delegate.attach(provider, spec, endpoint, listener);
    }

    @Override
    public void stop(String provider, Launched launched) {
        stops.incrementAndGet();
        delegate.stop(provider, launched);
    }

    @Override
    public Probe probe(String provider, Launched launched) {
        return delegate.probe(provider, launched);
    }
}
