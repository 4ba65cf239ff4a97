package dev.jetway.functions;

import com.amazonaws.services.lambda.runtime.Context;
import dev.jetway.core.lifecycle.ProviderLauncher;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.TraceContextHeaders;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * Tracing as the functions use it: a root span per invocation that continues the trace Lambda
 * started, spans around provider calls, and spans for every AWS SDK call. {@link #OFF} does
 * nothing and loads no OpenTelemetry class, so a function without tracing pays nothing for it.
 *
 * <p>On when {@value #OTLP_ENDPOINT_VARIABLE} (or {@value #OTLP_TRACES_ENDPOINT_VARIABLE}) is set
 * and {@value #SWITCH_VARIABLE} is not {@code off}.
 */
interface LambdaTracing {

    String SWITCH_VARIABLE = "JETWAY_TRACING";
    String OTLP_ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT";
    String OTLP_TRACES_ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";

    /** What triggered an invocation, as OpenTelemetry's {@code faas.trigger} names it. */
    enum Trigger {
        HTTP("http"), TIMER("timer"), PUBSUB("pubsub"), DATASOURCE("datasource");

        final String wireName;

        Trigger(String wireName) {
            this.wireName = wireName;
        }
    }

    LambdaTracing OFF = new LambdaTracing() {
        @Override
        public <T> T invocation(Trigger trigger, Context context, Supplier<T> work) {
            return work.get();
        }

        @Override
        public ProviderConnector traced(ProviderConnector connector) {
            return connector;
        }

        @Override
        public ProviderLauncher traced(ProviderLauncher launcher) {
            return launcher;
        }

        @Override
        public void instrument(ClientOverrideConfiguration.Builder client) {
        }

        @Override
        public TraceContextHeaders traceContext() {
            return TraceContextHeaders.NONE;
        }
    };

    /** Runs one invocation under its root span, then exports what it recorded (the instance may freeze after). */
    <T> T invocation(Trigger trigger, Context context, Supplier<T> work);

    /** A connector whose sessions trace each request (a CLIENT span naming provider, method and tool). */
    ProviderConnector traced(ProviderConnector connector);

    /** A launcher whose starts, stops and sessions are traced. */
    ProviderLauncher traced(ProviderLauncher launcher);

    /** Adds the AWS SDK tracing interceptor to a client being built: {@code .overrideConfiguration(tracing::instrument)}. */
    void instrument(ClientOverrideConfiguration.Builder client);

    /** The trace headers a Streamable HTTP request to a provider carries ({@code traceparent} of the provider call). */
    TraceContextHeaders traceContext();

    /**
     * From the function's environment.
     *
     * @throws IllegalStateException when {@value #SWITCH_VARIABLE} is neither {@code on} nor {@code off}
     */
    static LambdaTracing fromEnvironment(Map<String, String> environment) {
        String mode = environment.getOrDefault(SWITCH_VARIABLE, "on").strip();
        if (mode.equals("off")) return OFF;
        if (!mode.equals("on") && !mode.isEmpty()) {
            throw new IllegalStateException(SWITCH_VARIABLE + "=" + mode + " is not understood: use on (the default: "
                    + "traces when " + OTLP_ENDPOINT_VARIABLE + " is set) or off");
        }
        String traces = environment.get(OTLP_TRACES_ENDPOINT_VARIABLE);
        String base = environment.get(OTLP_ENDPOINT_VARIABLE);
        if (traces != null && !traces.isBlank()) return OpenTelemetryTracing.otlp(traces.strip(), environment);
        if (base != null && !base.isBlank()) {
            return OpenTelemetryTracing.otlp(base.strip().replaceAll("/+$", "") + "/v1/traces", environment);
        }
        return OFF;
    }

    /** The instance's tracing, from {@link System#getenv()}, made once: every client and handler of the instance shares it. */
    static LambdaTracing instance() {
        return ProcessTracing.INSTANCE;
    }

    /** Holder: the environment is read when the first function wiring asks, not at class load. */
    final class ProcessTracing {
        static final LambdaTracing INSTANCE = fromEnvironment(System.getenv());

        private ProcessTracing() {}
    }
}
