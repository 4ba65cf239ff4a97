package dev.jetway.core.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * A session that adds something to another one (a process to probe, a task to watch, a span) and
 * forwards everything else. Both {@code request} forms end in the one with a {@link Cancellation},
 * so a wrapper overrides that one only and a client's cancellation always reaches the provider.
 */
public abstract class ForwardingUpstreamSession implements UpstreamSession {

    protected final UpstreamSession delegate;

    protected ForwardingUpstreamSession(UpstreamSession delegate) {
        this.delegate = delegate;
    }

    @Override
    public final ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout) {
        return request(method, params, listener, timeout, Cancellation.none());
    }

    @Override
    public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout,
                              Cancellation cancellation) {
        return delegate.request(method, params, listener, timeout, cancellation);
    }

    @Override
    public void notify(String method, ObjectNode params) {
        delegate.notify(method, params);
    }

    @Override
    public ObjectNode initializeResult() {
        return delegate.initializeResult();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
