package dev.jetway.core.telemetry;

import java.io.PrintStream;
import java.util.List;

/**
 * One human-readable line per event. A request reads like an access log line
 * ({@code telemetry Request tools/call math__add -> 200 1.234 ms upstream=1.100 ms session=… client=…});
 * other events are the type, then {@code key=value} for every present field.
 */
public final class StderrSink implements EventSink {

    private final PrintStream out;

    public StderrSink(PrintStream out) {
        this.out = out;
    }

    public static StderrSink stderr() {
        return new StderrSink(System.err);
    }

    @Override
    public String name() {
        return "stderr";
    }

    @Override
    public void onBatch(List<TelemetryEvent> events) {
        for (TelemetryEvent event : events) out.println(line(event));
    }

    @Override
    public void flush() {
        out.flush();
    }

    static String line(TelemetryEvent event) {
        if (event instanceof TelemetryEvent.Request r) return requestLine(r);
        StringBuilder line = new StringBuilder("telemetry ").append(event.type());
        event.toJson().fields().forEachRemaining(f -> {
            if (!f.getKey().equals("type")) line.append(' ').append(f.getKey()).append('=').append(f.getValue().asText());
        });
        return line.toString();
    }

    private static String requestLine(TelemetryEvent.Request r) {
        StringBuilder line = new StringBuilder("telemetry Request ");
        line.append(r.mcpMethod() != null ? r.mcpMethod() : r.method() + " " + r.path());
        if (r.tool() != null) line.append(' ').append(r.tool());
        line.append(" -> ").append(r.status()).append(' ').append(millis(r.latencyMicros())).append(" ms");
        if (r.upstreamMicros() != null) line.append(" upstream=").append(millis(r.upstreamMicros())).append(" ms");
        if (r.provider() != null) line.append(" provider=").append(r.provider());
        if (r.errorCode() != null) line.append(" error=").append(r.errorCode()).append(" \"").append(r.errorMessage()).append('"');
        if (Boolean.TRUE.equals(r.toolError())) line.append(" tool_error=true");
        if (r.session() != null) line.append(" session=").append(r.session());
        if (r.clientName() != null) {
            line.append(" client=").append(r.clientName());
            if (r.clientVersion() != null) line.append('/').append(r.clientVersion());
        }
        line.append(" bytes=").append(r.requestBytes()).append('/').append(r.responseBytes());
        return line.toString();
    }

    private static String millis(long micros) {
        return String.format(java.util.Locale.ROOT, "%.3f", micros / 1000.0);
    }
}
