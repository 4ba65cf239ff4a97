package dev.jetway.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.registry.PublishedEventSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryBusTest {

    /** Keeps batches and flushes; can be made to hang until released. */
    static final class RecordingSink implements EventSink {
        final List<TelemetryEvent> received = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch release;
        volatile int flushes;

        RecordingSink(CountDownLatch release) { this.release = release; }

        @Override public String name() { return "recording"; }

        @Override
        public void onBatch(List<TelemetryEvent> events) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batchSizes.add(events.size());
            received.addAll(events);
        }

        @Override public void flush() { flushes++; }
    }

    @Test
    void aStuckSinkNeverBlocksTheRequestPathAndEveryDropIsCounted() {
        CountDownLatch stuck = new CountDownLatch(1);
        RecordingSink sink = new RecordingSink(stuck);
        TelemetryBus bus = new TelemetryBus(List.of(sink), 50, 10, Duration.ofSeconds(1));

        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) bus.onEvent(TelemetryFixtures.request(i));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        stuck.countDown();
        bus.close(Duration.ofSeconds(5));

        assertThat(elapsedMillis).as("10,000 events offered while the sink hangs").isLessThan(2_000);
        assertThat(bus.dropped()).as("the queue holds 50, the sink hangs on at most one batch").isGreaterThan(9_900);
        assertThat(sink.received.size() + bus.dropped()).as("delivered + dropped = offered: nothing vanishes")
                .isEqualTo(10_000);
    }

    @Test
    void batchesAreBoundedByTheBatchSize() {
        RecordingSink sink = new RecordingSink(new CountDownLatch(0));
        TelemetryBus bus = new TelemetryBus(List.of(sink), 1_000, 7, Duration.ofSeconds(1));

        for (int i = 0; i < 100; i++) bus.onEvent(TelemetryFixtures.request(i));
        bus.close(Duration.ofSeconds(5));

        assertThat(sink.received).hasSize(100);
        assertThat(sink.batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 7));
    }

    @Test
    void sinksAreFlushedPeriodicallyWithoutAClose() throws InterruptedException {
        RecordingSink sink = new RecordingSink(new CountDownLatch(0));
        TelemetryBus bus = new TelemetryBus(List.of(sink), 100, 10, Duration.ofMillis(50));
        try {
            bus.onEvent(TelemetryFixtures.request(1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (sink.flushes < 3 && System.nanoTime() < deadline) Thread.sleep(10);

            assertThat(sink.received).hasSize(1);
            assertThat(sink.flushes).as("several flush intervals passed").isGreaterThanOrEqualTo(3);
        } finally {
            bus.close();
        }
    }

    @Test
    void aFailingSinkIsCountedAndTheOtherSinksStillReceiveEverything() {
        RecordingSink healthy = new RecordingSink(new CountDownLatch(0));
        EventSink broken = new EventSink() {
            public String name() { return "broken"; }
            public void onBatch(List<TelemetryEvent> events) { throw new IllegalStateException("disk full"); }
            public void flush() { }
        };
        TelemetryBus bus = new TelemetryBus(List.of(broken, healthy), 100, 10, Duration.ofSeconds(1));

        for (int i = 0; i < 20; i++) bus.onEvent(TelemetryFixtures.request(i));
        bus.close(Duration.ofSeconds(5));

        assertThat(healthy.received).hasSize(20);
        assertThat(bus.sinkFailures()).isPositive();
    }

    @Test
    void closeDeliversAndFlushesWhatIsQueuedToTheJsonlFileAndEveryLineMatchesItsSchema(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve(".jetway/events.jsonl");
        JsonlFileSink jsonl = new JsonlFileSink(file);
        TelemetryBus bus = new TelemetryBus(List.of(jsonl), 100, 10, Duration.ofHours(1));

        TelemetryFixtures.oneOfEachType().forEach(bus::onEvent);
        bus.close(Duration.ofSeconds(5));
        jsonl.close();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).as("written on close although no flush interval passed").hasSize(4);
        List<String> problems = new ArrayList<>();
        for (String line : lines) {
            JsonNode json = Json.parse(line);
            problems.addAll(PublishedEventSchemas.telemetryProblems(json));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void eventsOfferedAfterCloseAreCountedAsDropped() {
        TelemetryBus bus = new TelemetryBus(List.of(), 10, 10, Duration.ofSeconds(1));
        bus.close();

        bus.onEvent(TelemetryFixtures.request(1));

        assertThat(bus.dropped()).isEqualTo(1);
    }
}
