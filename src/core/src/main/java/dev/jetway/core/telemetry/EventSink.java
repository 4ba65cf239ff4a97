package dev.jetway.core.telemetry;

import java.util.List;

/**
 * A destination for telemetry (mcpr's sink: on_event, on_batch, flush, name).
 *
 * <p>The request path only ever calls {@link #onEvent}, and only on a {@link TelemetryBus}, whose
 * {@code onEvent} never blocks. The bus then calls {@link #onBatch} and {@link #flush} of the sinks
 * behind it from its own thread, one call at a time, so a slow sink costs drops, not latency.
 */
public interface EventSink {

    String name();

    /**
     * Takes one event. Must not block when called on the request path; the default hands the event
     * to {@link #onBatch}, which is only right for sinks that sit behind a bus.
     */
    default void onEvent(TelemetryEvent event) {
        onBatch(List.of(event));
    }

    void onBatch(List<TelemetryEvent> events);

    /** Makes everything received so far durable or visible (written, sent). */
    void flush();
}
