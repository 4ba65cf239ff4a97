package dev.jetway.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Drives one workload over a set of open connections for a fixed time, one platform thread per
 * connection.
 *
 * <p><b>Closed loop</b> ({@link #closedLoop}): each connection sends its next request as soon as
 * the previous one is answered; what it measures is the most requests per second.
 *
 * <p><b>Open loop</b> ({@link #openLoop}): requests are due on a fixed schedule (the total rate
 * spread evenly over the connections), and each latency is measured from the time the request
 * was <em>due</em>, not from when it could be sent. A slow answer therefore delays the requests
 * queued behind it and their wait is counted, so coordinated omission does not hide queueing
 * (the method of wrk2). The service time from the actual send is recorded beside it.
 */
final class LoadGenerator {

    /** Sleeps end this long before a due time and spin the rest, so wake-up lag stays small. */
    private static final long SPIN_NANOS = 30_000;

    private LoadGenerator() {}

    /** What one timed segment of load produced. */
    record Segment(Histogram latency, Histogram service, long requests, long errors, double seconds, String firstError) {}

    static Segment closedLoop(List<McpConnection> connections, Workload workload, Duration duration) {
        return run(connections, workload, duration, 0);
    }

    static Segment openLoop(List<McpConnection> connections, Workload workload, Duration duration, double perSecond) {
        if (perSecond <= 0) throw new IllegalArgumentException("rate must be positive, got " + perSecond);
        return run(connections, workload, duration, perSecond);
    }

    static Histogram newHistogram() {
        // 1 µs to 100 s at 3 significant digits (0.1 % error); values are nanoseconds.
        return new Histogram(1_000L, 100_000_000_000L, 3);
    }

    private static Segment run(List<McpConnection> connections, Workload workload, Duration duration, double perSecond) {
        int n = connections.size();
        for (McpConnection connection : connections) {
            try {
                connection.refreshIfIdle(1_000_000_000L);
            } catch (IOException e) {
                throw new IllegalStateException("cannot reconnect before a segment: " + e.getMessage(), e);
            }
        }
        List<Worker> workers = new ArrayList<>(n);
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<String> firstError = new AtomicReference<>();
        long intervalNanos = perSecond > 0 ? (long) (n * 1e9 / perSecond) : 0;
        List<Thread> threads = new ArrayList<>(n);
        long[] start = new long[1];
        for (int i = 0; i < n; i++) {
            Worker worker = new Worker(connections.get(i), workload, intervalNanos, i * (intervalNanos / n), firstError);
            workers.add(worker);
            Thread thread = Thread.ofPlatform().name("load-" + i).daemon().start(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                worker.run(start[0], start[0] + duration.toNanos());
            });
            threads.add(thread);
        }
        try {
            ready.await();
            start[0] = System.nanoTime() + 1_000_000;
            go.countDown();
            for (Thread thread : threads) thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        double seconds = (workers.stream().mapToLong(w -> w.finishedAt).max().orElse(start[0]) - start[0]) / 1e9;
        Histogram latency = newHistogram();
        Histogram service = newHistogram();
        long requests = 0;
        long errors = 0;
        for (Worker worker : workers) {
            latency.add(worker.latency);
            service.add(worker.service);
            requests += worker.requests;
            errors += worker.errors;
        }
        return new Segment(latency, service, requests, errors, seconds, firstError.get());
    }

    private static final class Worker {
        final McpConnection connection;
        final Workload workload;
        final long intervalNanos;
        final long offsetNanos;
        final AtomicReference<String> firstError;
        final Histogram latency = newHistogram();
        final Histogram service = newHistogram();
        long requests;
        long errors;
        long finishedAt;

        Worker(McpConnection connection, Workload workload, long intervalNanos, long offsetNanos,
               AtomicReference<String> firstError) {
            this.connection = connection;
            this.workload = workload;
            this.intervalNanos = intervalNanos;
            this.offsetNanos = offsetNanos;
            this.firstError = firstError;
        }

        void run(long start, long deadline) {
            long due = start + offsetNanos;
            while (true) {
                long now = System.nanoTime();
                if (intervalNanos == 0) {
                    if (now >= deadline) break;
                    due = now;
                } else {
                    if (due >= deadline) break;
                    waitUntil(due);
                }
                long sent = System.nanoTime();
                String problem;
                try {
                    problem = workload.problemWith(connection.request(workload.body()));
                } catch (IOException | RuntimeException e) {
                    problem = e.toString();
                    try {
                        connection.refreshIfIdle(0);
                    } catch (IOException reconnect) {
                        firstError.compareAndSet(null, reconnect.toString());
                        errors++;
                        break;
                    }
                }
                long answered = System.nanoTime();
                if (problem == null) {
                    latency.recordValue(Math.max(1_000, answered - due));
                    service.recordValue(Math.max(1_000, answered - sent));
                    requests++;
                } else {
                    errors++;
                    firstError.compareAndSet(null, problem);
                }
                due += intervalNanos;
            }
            finishedAt = System.nanoTime();
        }

        private static void waitUntil(long due) {
            long left;
            while ((left = due - System.nanoTime()) > SPIN_NANOS) LockSupport.parkNanos(left - SPIN_NANOS);
            while (due - System.nanoTime() > 0) Thread.onSpinWait();
        }
    }
}
