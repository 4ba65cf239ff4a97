package dev.jetway.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.aws.dynamodb.DynamoDbEventStore;
import dev.jetway.aws.dynamodb.DynamoDbLocal;
import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.NewEvent;
import dev.jetway.core.eventstore.WrongExpectedVersionException;
import dev.jetway.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.HdrHistogram.Histogram;

/**
 * Appends per second and append latency of {@link DynamoDbEventStore} on DynamoDB Local (in memory,
 * in this JVM, reached over HTTP through the real SDK client), one event per append, with 1 and 16
 * writers on streams of their own and 16 writers on one shared stream. On the shared stream a writer
 * that loses the race ({@link WrongExpectedVersionException}) takes the actual version and tries
 * again; the conflict rate is lost races per attempt. Latency is per attempt, won or lost.
 */
final class EventStoreBench {

    private final Duration perCase;

    EventStoreBench(Duration perCase) {
        this.perCase = perCase;
    }

    ArrayNode run() throws InterruptedException {
        DynamoDbEventStore store = new DynamoDbEventStore(DynamoDbLocal.client(), DynamoDbLocal.newEventTable());
        ArrayNode cases = Json.MAPPER.createArrayNode();
        runCase(store, 1, false, Duration.ofMillis(Math.min(1000, perCase.toMillis())));
        cases.add(runCase(store, 1, false, perCase));
        cases.add(runCase(store, 16, false, perCase));
        cases.add(runCase(store, 16, true, perCase));
        return cases;
    }

    private ObjectNode runCase(DynamoDbEventStore store, int writers, boolean shared, Duration duration)
            throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Writer> all = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Writer writer = new Writer(store, "bench-" + run + "-" + (shared ? "shared" : i));
            all.add(writer);
            threads.add(Thread.ofPlatform().name("append-" + i).start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                writer.run(System.nanoTime() + duration.toNanos());
            }));
        }
        long started = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) thread.join();
        double seconds = (System.nanoTime() - started) / 1e9;
        Histogram latency = LoadGenerator.newHistogram();
        long appended = 0;
        long conflicts = 0;
        long failures = 0;
        String firstFailure = null;
        for (Writer writer : all) {
            latency.add(writer.latency);
            appended += writer.appended;
            conflicts += writer.conflicts;
            failures += writer.failures;
            if (firstFailure == null) firstFailure = writer.firstFailure;
        }
        long attempts = appended + conflicts + failures;
        ObjectNode result = Json.object().put("writers", writers).put("stream", shared ? "shared" : "distinct")
                .put("appends", appended).put("appendsPerSecond", Math.round(appended / seconds * 10) / 10.0)
                .put("attempts", attempts).put("conflicts", conflicts)
                .put("conflictRate", attempts == 0 ? 0 : Math.round(conflicts * 10_000.0 / attempts) / 10_000.0)
                .put("failures", failures)
                .put("p50Micros", Math.round(latency.getValueAtPercentile(50) / 100.0) / 10.0)
                .put("p99Micros", Math.round(latency.getValueAtPercentile(99) / 100.0) / 10.0);
        if (firstFailure != null) result.put("firstFailure", firstFailure);
        return result;
    }

    private static final class Writer {
        final DynamoDbEventStore store;
        final String streamId;
        final Histogram latency = LoadGenerator.newHistogram();
        long expected = AppendRequest.NO_STREAM;
        long appended;
        long conflicts;
        long failures;
        String firstFailure;

        Writer(DynamoDbEventStore store, String streamId) {
            this.store = store;
            this.streamId = streamId;
        }

        void run(long deadline) {
            while (System.nanoTime() < deadline) {
                NewEvent event = new NewEvent(UUID.randomUUID(), "BenchAppended", 1, Instant.now(), null,
                        Json.object().put("writer", Thread.currentThread().getName()));
                long t0 = System.nanoTime();
                try {
                    expected = store.append(AppendRequest.of(streamId, expected, List.of(event))).lastVersion();
                    appended++;
                } catch (WrongExpectedVersionException e) {
                    expected = e.actualVersion();
                    conflicts++;
                } catch (RuntimeException e) {
                    failures++;
                    if (firstFailure == null) firstFailure = e.toString();
                }
                latency.recordValue(Math.max(1_000, System.nanoTime() - t0));
            }
        }
    }
}
