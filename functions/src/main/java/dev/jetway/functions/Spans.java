package dev.jetway.functions;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/** Runs work under a span that records a failure (exception event, status ERROR) and always ends. */
final class Spans {

    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("jetway.provider");
    static final AttributeKey<String> PROVIDER_MODE = AttributeKey.stringKey("jetway.provider.mode");
    static final AttributeKey<String> TOOL = AttributeKey.stringKey("jetway.tool");
    static final AttributeKey<String> MCP_METHOD = AttributeKey.stringKey("mcp.method.name");

    private Spans() {}

    static <T> T run(SpanBuilder builder, Supplier<T> work) {
        Span span = builder.startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }

    static void run(SpanBuilder builder, Runnable work) {
        run(builder, () -> {
            work.run();
            return null;
        });
    }
}
