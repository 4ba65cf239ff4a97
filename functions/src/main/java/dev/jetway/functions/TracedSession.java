package dev.jetway.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.upstream.Cancellation;
import dev.jetway.core.upstream.ForwardingUpstreamSession;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;

/**
 * A provider session whose every request is a CLIENT span: {@code tools/call forecast}, with the
 * provider, the MCP method and (for tools/call) the tool as the provider names it.
 */
final class TracedSession extends ForwardingUpstreamSession {

    private final String provider;
    private final Tracer tracer;

    TracedSession(UpstreamSession delegate, String provider, Tracer tracer) {
        super(delegate);
        this.provider = provider;
        this.tracer = tracer;
    }

    /** The session this one traces (launchers get back the session they made). */
    UpstreamSession delegate() {
        return delegate;
    }

    @Override
    public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout,
                              Cancellation cancellation) {
        return Spans.run(span(method, params), () -> delegate.request(method, params, listener, timeout, cancellation));
    }

    private SpanBuilder span(String method, ObjectNode params) {
        String tool = "tools/call".equals(method) && params != null && params.path("name").isTextual()
                ? params.get("name").asText() : null;
        SpanBuilder span = tracer.spanBuilder(tool == null ? method : method + " " + tool).setSpanKind(SpanKind.CLIENT)
                .setAttribute(Spans.PROVIDER, provider).setAttribute(Spans.MCP_METHOD, method);
        return tool == null ? span : span.setAttribute(Spans.TOOL, tool);
    }
}
