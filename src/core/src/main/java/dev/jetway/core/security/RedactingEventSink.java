package dev.jetway.core.security;

import dev.jetway.core.telemetry.EventSink;
import dev.jetway.core.telemetry.TelemetryEvent;
import java.util.List;

/**
 * Telemetry with secrets removed: the free-text fields of a {@link TelemetryEvent.Request} (its error
 * message, which can quote upstream output, its note and path) pass through the redactor before
 * any sink sees them. The other event types carry no free text.
 */
public final class RedactingEventSink implements EventSink {

    private final EventSink inner;
    private final Redactor redactor;

    public RedactingEventSink(EventSink inner, Redactor redactor) {
        this.inner = inner;
        this.redactor = redactor;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void onEvent(TelemetryEvent event) {
        inner.onEvent(redact(event));
    }

    @Override
    public void onBatch(List<TelemetryEvent> events) {
        inner.onBatch(events.stream().map(this::redact).toList());
    }

    @Override
    public void flush() {
        inner.flush();
    }

    TelemetryEvent redact(TelemetryEvent event) {
        return switch (event) {
            case TelemetryEvent.Request r -> new TelemetryEvent.Request(r.id(), r.ts(), r.proxy(), r.session(), r.method(),
                    redactor.redact(r.path()), r.mcpMethod(), r.tool(), r.status(), r.latencyMicros(), r.upstreamMicros(),
                    r.requestBytes(), r.responseBytes(), r.errorCode(), redactor.redact(r.errorMessage()), r.clientName(),
                    r.clientVersion(), redactor.redact(r.note()), r.provider(), r.toolError());
            case TelemetryEvent.SessionStart s -> s;
            case TelemetryEvent.SessionEnd s -> s;
            case TelemetryEvent.Heartbeat h -> h;
        };
    }
}
