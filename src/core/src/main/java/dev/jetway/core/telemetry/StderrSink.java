package dev.jetway.core.telemetry;

import java.io.PrintStream;
import java.util.List;

/** One human-readable line per event: the type, then {@code key=value} for every present field. */
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
        StringBuilder line = new StringBuilder("telemetry ").append(event.type());
        event.toJson().fields().forEachRemaining(f -> {
            if (!f.getKey().equals("type")) line.append(' ').append(f.getKey()).append('=').append(f.getValue().asText());
        });
        return line.toString();
    }
}
