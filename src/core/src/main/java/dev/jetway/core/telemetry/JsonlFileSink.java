package dev.jetway.core.telemetry;

import dev.jetway.core.eventstore.AppendedEventsObserver;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends one JSON object per line to a file (local mode: {@value #LOCAL_MODE_PATH}): telemetry events
 * (they have a {@code type}) from the bus, and stored events (envelopes: they have an
 * {@code event_type}) as an {@link AppendedEventsObserver}. Stored events are few (a handful per
 * provider start), so they are written on the appender's thread into the buffer, which the bus's
 * periodic flush writes out.
 */
public final class JsonlFileSink implements EventSink, AppendedEventsObserver, AutoCloseable {

    public static final String LOCAL_MODE_PATH = ".jetway/events.jsonl";

    private final BufferedWriter writer;

    public JsonlFileSink(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open telemetry file " + file, e);
        }
    }

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public synchronized void onBatch(List<TelemetryEvent> events) {
        try {
            for (TelemetryEvent event : events) {
                writer.write(Json.write(event.toJson()));
                writer.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void onAppended(List<EventEnvelope> events) {
        try {
            for (EventEnvelope event : events) {
                writer.write(Json.write(event));
                writer.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
