package dev.jetway.core.telemetry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request path's sink: {@link #onEvent} offers to a bounded queue and returns at once; a
 * daemon thread delivers batches to the sinks and flushes them every {@code flushInterval} and on
 * {@link #close}. When the queue is full the event is dropped and counted ({@link #dropped()}),
 * never waited for.
 */
public final class TelemetryBus implements EventSink, AutoCloseable {

    private final List<EventSink> sinks;
    private final BlockingQueue<TelemetryEvent> queue;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sinkFailures = new AtomicLong();
    private final Thread worker;
    private volatile boolean closing;
    private volatile boolean flushRequested;

    /** How long the worker waits for an event before it looks at the flags again. */
    private static final long WAKE_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    public TelemetryBus(List<EventSink> sinks, int capacity, int batchSize, Duration flushInterval) {
        this.sinks = List.copyOf(sinks);
        if (capacity < 1 || batchSize < 1) throw new IllegalArgumentException("capacity and batchSize must be >= 1");
        if (flushInterval.isNegative() || flushInterval.isZero()) throw new IllegalArgumentException("flushInterval must be positive");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.flushIntervalNanos = flushInterval.toNanos();
        // Started here, not lazily: a bus exists only where telemetry is on, and it must drain from the first event.
        this.worker = Thread.ofPlatform().name("jetway-telemetry").daemon().start(this::run);
    }

    @Override
    public String name() {
        return "bus";
    }

    @Override
    public void onEvent(TelemetryEvent event) {
        Objects.requireNonNull(event, "event");
        if (closing || !queue.offer(event)) dropped.incrementAndGet();
    }

    @Override
    public void onBatch(List<TelemetryEvent> events) {
        events.forEach(this::onEvent);
    }

    /** Asks the worker to deliver and flush what is queued now; does not wait for it. */
    @Override
    public void flush() {
        flushRequested = true;
    }

    /** Events refused because the queue was full or the bus was closing: a metric of its own. */
    public long dropped() {
        return dropped.get();
    }

    /** Batches or flushes a sink threw on; the other sinks still got them. */
    public long sinkFailures() {
        return sinkFailures.get();
    }

    /** Stops taking events, delivers and flushes everything queued, and waits up to {@code timeout}. */
    public void close(Duration timeout) {
        closing = true;
        try {
            worker.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // What a racing producer slipped in after the last drain is counted, not silently lost.
        if (!worker.isAlive()) {
            List<TelemetryEvent> late = new ArrayList<>();
            dropped.addAndGet(queue.drainTo(late));
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    // Flags, not interrupts, wake the worker: an interrupt during a sink's file write would close its channel.
    private void run() {
        long nextFlush = System.nanoTime() + flushIntervalNanos;
        List<TelemetryEvent> batch = new ArrayList<>(batchSize);
        while (true) {
            boolean closingNow = closing;
            try {
                long wait = Math.min(WAKE_UP_NANOS, Math.max(0, nextFlush - System.nanoTime()));
                TelemetryEvent first = queue.poll(wait, TimeUnit.NANOSECONDS);
                if (first != null) batch.add(first);
            } catch (InterruptedException e) {
                closingNow = true;
            }
            queue.drainTo(batch, batchSize - batch.size());
            if (!batch.isEmpty()) deliver(batch);
            batch.clear();
            if (closingNow) {
                drainAll(batch);
                flushSinks();
                return;
            }
            if (flushRequested || System.nanoTime() >= nextFlush) {
                flushRequested = false;
                flushSinks();
                nextFlush = System.nanoTime() + flushIntervalNanos;
            }
        }
    }

    private void drainAll(List<TelemetryEvent> batch) {
        while (queue.drainTo(batch, batchSize) > 0) {
            deliver(batch);
            batch.clear();
        }
    }

    private void deliver(List<TelemetryEvent> batch) {
        List<TelemetryEvent> copy = List.copyOf(batch);
        for (EventSink sink : sinks) {
            try {
                sink.onBatch(copy);
            } catch (RuntimeException e) {
                sinkFailures.incrementAndGet();
            }
        }
    }

    private void flushSinks() {
        for (EventSink sink : sinks) {
            try {
                sink.flush();
            } catch (RuntimeException e) {
                sinkFailures.incrementAndGet();
            }
        }
    }
}
