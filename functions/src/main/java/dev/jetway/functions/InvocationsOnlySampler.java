package dev.jetway.functions;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * The sampler for spans without a parent: an invocation's root span (it carries
 * {@code faas.trigger}) is recorded; anything else is work outside an invocation — the instance's
 * init, before a SnapStart snapshot — and is dropped, so no span, exporter or batch thread is
 * made before the first invocation. Spans with a parent follow it (Lambda's sampling decision).
 */
final class InvocationsOnlySampler implements Sampler {

    static final AttributeKey<String> TRIGGER = AttributeKey.stringKey("faas.trigger");

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                       Attributes attributes, List<LinkData> parentLinks) {
        return attributes.get(TRIGGER) != null ? SamplingResult.recordAndSample() : SamplingResult.drop();
    }

    @Override
    public String getDescription() {
        return "InvocationsOnly";
    }
}
