package dev.jetway.core.telemetry;

import dev.jetway.core.json.Json;
import dev.jetway.core.outbox.EntryOutcome;
import dev.jetway.core.outbox.EventPublishException;
import dev.jetway.core.outbox.EventPublisher;
import dev.jetway.core.outbox.OutboxBatches;
import dev.jetway.core.outbox.OutboxEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * Telemetry to an event bus (EventBridge through jetway-aws's publisher): each event one entry,
 * {@code source} {@value #SOURCE}, {@code detail-type} the telemetry type, {@code detail} its JSON,
 * sent in batches of at most 10 entries and 256 KB. {@code Request} events are sampled at
 * {@code sampleRate}; session and heartbeat events always go. Telemetry is best effort: a rejected
 * entry or a failed call is counted in {@link #lost()}, not retried, so a slow bus costs events,
 * never the request path (the sink runs behind the {@link TelemetryBus}).
 */
public final class EventBusTelemetrySink implements EventSink {

    public static final String SOURCE = "jetway.telemetry";

    private final EventPublisher publisher;
    private final double sampleRate;
    private final DoubleSupplier random;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

    /**
     * @param sampleRate share of Request events sent, 0 to 1
     * @param random uniform in [0, 1); tests pass a fixed sequence
     */
    public EventBusTelemetrySink(EventPublisher publisher, double sampleRate, DoubleSupplier random) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        if (!(sampleRate >= 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("sampleRate must be between 0 and 1, got " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String name() {
        return "eventbridge";
    }

    @Override
    public void onBatch(List<TelemetryEvent> events) {
        List<OutboxEntry> entries = new ArrayList<>();
        for (TelemetryEvent event : events) {
            if (event instanceof TelemetryEvent.Request && random.getAsDouble() >= sampleRate) continue;
            OutboxEntry entry = new OutboxEntry(SOURCE, event.type(), Json.write(event.toJson()), event.ts());
            if (entry.sizeBytes() > EventPublisher.MAX_BATCH_BYTES) {
                lost.incrementAndGet();
                continue;
            }
            entries.add(entry);
        }
        for (List<OutboxEntry> batch : OutboxBatches.split(entries, e -> e,
                EventPublisher.MAX_ENTRIES_PER_BATCH, EventPublisher.MAX_BATCH_BYTES)) {
            publish(batch);
        }
    }

    private void publish(List<OutboxEntry> batch) {
        try {
            for (EntryOutcome outcome : publisher.publish(batch)) {
                if (outcome.accepted()) sent.incrementAndGet();
                else lost.incrementAndGet();
            }
        } catch (EventPublishException e) {
            lost.addAndGet(batch.size());
        }
    }

    @Override
    public void flush() {
        // Every batch is sent when it arrives.
    }

    /** Entries the bus accepted. */
    public long sent() {
        return sent.get();
    }

    /** Entries the bus rejected or never got (failed call, entry over 256 KB). */
    public long lost() {
        return lost.get();
    }
}
