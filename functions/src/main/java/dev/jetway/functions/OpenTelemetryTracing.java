package dev.jetway.functions;

import com.amazonaws.services.lambda.runtime.Context;
import dev.jetway.core.lifecycle.ProviderLauncher;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.TraceContextHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Tracing with the OpenTelemetry SDK: each invocation's root span continues the X-Ray trace Lambda
 * passes in {@code com.amazonaws.xray.traceHeader} (or {@code _X_AMZN_TRACE_ID}); spans are batched
 * and exported over OTLP/HTTP (to the collector layer on localhost), flushed with a short bound at
 * the end of each invocation. The sampling decision is Lambda's: a trace it does not sample is not
 * recorded here either; SDK calls outside an invocation (the instance's init) are not traced.
 */
final class OpenTelemetryTracing implements LambdaTracing {

    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String TRACE_HEADER_VARIABLE = "_X_AMZN_TRACE_ID";
    static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(OpenTelemetryTracing.class);
    private static final String SCOPE = "dev.jetway.functions";
    private static final String TRACE_HEADER = "X-Amzn-Trace-Id";
    private static final TextMapGetter<Map<String, String>> HEADER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return key != null && key.equalsIgnoreCase(TRACE_HEADER)
                    ? carrier.get(TRACE_HEADER) : null;
        }
    };
    /** Installed before this class makes its first context, so core's per-task threads inherit it. */
    private static final boolean CONTEXT_INHERITED = InheritableContextStorage.install();

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final OpenTelemetry openTelemetry;
    private final Supplier<String> traceHeader;
    private final Duration flushTimeout;
    private final AtomicBoolean coldStart = new AtomicBoolean(true);
    private volatile ExecutionInterceptor sdkInterceptor;

    /**
     * @param processor where ended spans go
     * @param traceHeader this invocation's X-Ray trace header, or null when there is none
     */
    OpenTelemetryTracing(SpanProcessor processor, Resource resource, Supplier<String> traceHeader, Duration flushTimeout) {
        if (!CONTEXT_INHERITED) {
            LOG.warn("OpenTelemetry's context storage was in use before tracing was set up: work that core runs on "
                    + "threads of its own starts new traces instead of joining the request's");
        }
        this.provider = SdkTracerProvider.builder().setResource(resource).addSpanProcessor(processor)
                .setIdGenerator(XrayIdGenerator.registered(Clock.systemUTC()))
                .setSampler(Sampler.parentBased(new InvocationsOnlySampler())).build();
        this.tracer = provider.get(SCOPE);
        this.openTelemetry = new OpenTelemetry() {
            @Override
            public TracerProvider getTracerProvider() {
                return provider;
            }

            @Override
            public ContextPropagators getPropagators() {
                return ContextPropagators.create(AwsXrayPropagator.getInstance());
            }
        };
        this.traceHeader = traceHeader;
        this.flushTimeout = flushTimeout;
    }

    /** Spans batched to an OTLP/HTTP endpoint; exporter and batch thread are made on the first span. */
    static OpenTelemetryTracing otlp(String tracesEndpoint, Map<String, String> environment) {
        OtlpHttpSpanExporter.builder().setEndpoint(tracesEndpoint); // fails here, at init, on a malformed URL
        SpanProcessor batch = new DeferredSpanProcessor(() -> BatchSpanProcessor.builder(
                OtlpHttpSpanExporter.builder().setEndpoint(tracesEndpoint).setTimeout(Duration.ofSeconds(2)).build()).build());
        return new OpenTelemetryTracing(batch, resource(environment), OpenTelemetryTracing::lambdaTraceHeader,
                FLUSH_TIMEOUT);
    }

    /** What Lambda's Java runtime sets per invocation; the variable is the init-time fallback. */
    static String lambdaTraceHeader() {
        String header = System.getProperty(TRACE_HEADER_PROPERTY);
        return header != null && !header.isBlank() ? header : System.getenv(TRACE_HEADER_VARIABLE);
    }

    static Resource resource(Map<String, String> environment) {
        AttributesBuilder attributes = Attributes.builder()
                .put("service.name", firstSet(environment, "OTEL_SERVICE_NAME", LambdaGateway.SERVICE_VARIABLE,
                        "AWS_LAMBDA_FUNCTION_NAME"))
                .put("cloud.provider", "aws").put("cloud.platform", "aws_lambda");
        putIfSet(attributes, "cloud.region", environment.get("AWS_REGION"));
        putIfSet(attributes, "faas.name", environment.get("AWS_LAMBDA_FUNCTION_NAME"));
        putIfSet(attributes, "faas.version", environment.get("AWS_LAMBDA_FUNCTION_VERSION"));
        return Resource.getDefault().merge(Resource.create(attributes.build()));
    }

    @Override
    public <T> T invocation(Trigger trigger, Context context, Supplier<T> work) {
        String header = traceHeader.get();
        io.opentelemetry.context.Context parent = header == null || header.isBlank()
                ? io.opentelemetry.context.Context.root()
                : AwsXrayPropagator.getInstance().extract(io.opentelemetry.context.Context.root(),
                        Map.of(TRACE_HEADER, header), HEADER);
        String name = context == null || context.getFunctionName() == null ? "jetway" : context.getFunctionName();
        var span = tracer.spanBuilder(name).setParent(parent)
                .setSpanKind(trigger == Trigger.HTTP || trigger == Trigger.TIMER ? SpanKind.SERVER : SpanKind.CONSUMER)
                .setAttribute(InvocationsOnlySampler.TRIGGER, trigger.wireName)
                .setAttribute(AttributeKey.booleanKey("faas.coldstart"), coldStart.getAndSet(false));
        if (context != null && context.getAwsRequestId() != null) span.setAttribute("faas.invocation_id", context.getAwsRequestId());
        if (context != null && context.getInvokedFunctionArn() != null) {
            span.setAttribute("cloud.resource_id", context.getInvokedFunctionArn());
        }
        try {
            return Spans.run(span, work);
        } finally {
            flush();
        }
    }

    /** Exports what is buffered, waiting at most the flush timeout: after the answer the instance may freeze. */
    void flush() {
        var result = provider.forceFlush().join(flushTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!result.isSuccess()) LOG.warn("spans were not exported within {} ms", flushTimeout.toMillis());
    }

    @Override
    public ProviderConnector traced(ProviderConnector connector) {
        return new TracingConnector(connector, tracer);
    }

    @Override
    public ProviderLauncher traced(ProviderLauncher launcher) {
        return new TracingLauncher(launcher, tracer);
    }

    @Override
    public void instrument(ClientOverrideConfiguration.Builder client) {
        ExecutionInterceptor interceptor = sdkInterceptor;
        if (interceptor == null) {
            synchronized (this) {
                if (sdkInterceptor == null) sdkInterceptor = AwsSdkTelemetry.create(openTelemetry).createExecutionInterceptor();
                interceptor = sdkInterceptor;
            }
        }
        client.addExecutionInterceptor(interceptor);
    }

    @Override
    public TraceContextHeaders traceContext() {
        return W3cTraceContextHeaders.INSTANCE;
    }

    private static String firstSet(Map<String, String> environment, String... variables) {
        for (String variable : variables) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) return value;
        }
        return "jetway";
    }

    private static void putIfSet(AttributesBuilder attributes, String key, String value) {
        if (value != null && !value.isBlank()) attributes.put(key, value);
    }
}
