package dev.jetway.functions;

import dev.jetway.core.upstream.TraceContextHeaders;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The current span's context as W3C Trace Context headers: on a request to a provider that is the
 * provider-call span, so the provider's own spans join the gateway's trace. Only the gateway's
 * context is written; whatever trace headers the client sent are not forwarded. Nothing when no
 * span is current.
 */
final class W3cTraceContextHeaders implements TraceContextHeaders {

    static final W3cTraceContextHeaders INSTANCE = new W3cTraceContextHeaders();

    private W3cTraceContextHeaders() {}

    @Override
    public Map<String, String> current() {
        Map<String, String> headers = new LinkedHashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
        return headers;
    }
}
