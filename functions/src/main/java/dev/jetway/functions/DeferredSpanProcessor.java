package dev.jetway.functions;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.function.Supplier;

/**
 * A span processor built on the first span, not at init: the batch processor's worker thread and
 * the exporter's HTTP client come into being in an invocation, after any SnapStart restore, so
 * the snapshot holds no exporter thread or connection.
 */
final class DeferredSpanProcessor implements SpanProcessor {

    private final Supplier<SpanProcessor> factory;
    private volatile SpanProcessor delegate;

    DeferredSpanProcessor(Supplier<SpanProcessor> factory) {
        this.factory = factory;
    }

    boolean started() {
        return delegate != null;
    }

    private SpanProcessor delegate() {
        SpanProcessor d = delegate;
        if (d == null) {
            synchronized (this) {
                if (delegate == null) delegate = factory.get();
                d = delegate;
            }
        }
        return d;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        delegate().onStart(parentContext, span);
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        delegate().onEnd(span);
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode forceFlush() {
        return delegate == null ? CompletableResultCode.ofSuccess() : delegate.forceFlush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate == null ? CompletableResultCode.ofSuccess() : delegate.shutdown();
    }
}
