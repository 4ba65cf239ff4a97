package dev.jetway.core.mcp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Measures each exchange for a {@link RequestObserver}: a complete response when it is returned, an
 * event stream when its last event was written (on the thread that writes it). Time spent in
 * providers is summed per thread around {@link #upstream}.
 */
final class ObservedExchanges {

    private static final ThreadLocal<long[]> UPSTREAM_NANOS = ThreadLocal.withInitial(() -> new long[1]);

    private final RequestObserver observer;

    ObservedExchanges(RequestObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    FrontDoorResponse handle(FrontDoorRequest request, Function<FrontDoorRequest, FrontDoorResponse> serve) {
        if (observer == RequestObserver.NONE) return serve.apply(request);
        long start = System.nanoTime();
        UPSTREAM_NANOS.get()[0] = 0;
        FrontDoorResponse response = serve.apply(request);
        return switch (response) {
            case FrontDoorResponse.Complete complete -> {
                String text = complete.body().length == 0 ? null : complete.bodyText();
                report(request, complete, isJson(complete) ? text : null, complete.body().length, start);
                yield complete;
            }
            case FrontDoorResponse.EventStream stream -> new FrontDoorResponse.EventStream(stream.status(), stream.headers(),
                    sink -> {
                        UPSTREAM_NANOS.get()[0] = 0;
                        String[] last = {null};
                        long[] bytes = {0};
                        try {
                            stream.body().writeTo(json -> {
                                last[0] = json;
                                bytes[0] += json.getBytes(StandardCharsets.UTF_8).length;
                                sink.send(json);
                            });
                        } finally {
                            report(request, stream, last[0], bytes[0], start);
                        }
                    });
        };
    }

    /** Runs a call to a provider and adds its duration to this thread's upstream time. */
    static <T> T upstream(Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            UPSTREAM_NANOS.get()[0] += System.nanoTime() - start;
        }
    }

    private void report(FrontDoorRequest request, FrontDoorResponse response, String lastMessage, long bytes, long start) {
        try {
            observer.onExchange(new RequestObserver.Exchange(request, response.status(), response.headers(), lastMessage,
                    bytes, System.nanoTime() - start, UPSTREAM_NANOS.get()[0]));
        } catch (RuntimeException e) {
            // Telemetry never breaks a request.
        }
    }

    private static boolean isJson(FrontDoorResponse.Complete response) {
        String type = response.headers().get("Content-Type");
        return type != null && type.startsWith("application/json");
    }
}
