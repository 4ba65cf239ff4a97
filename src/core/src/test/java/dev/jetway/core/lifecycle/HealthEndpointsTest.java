package dev.jetway.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.testing.SettableClock;
import org.junit.jupiter.api.Test;

/** Kubernetes-style probes without a transport: status codes and JSON bodies. */
class HealthEndpointsTest {

    final SettableClock clock = SettableClock.at("2026-11-21T10:00:00Z");
    final RecordingStore store = new RecordingStore();
    final ScriptedLauncher launcher = new ScriptedLauncher();
    final EventSourcedLifecycle lifecycle = Lifecycles.alpha(store, launcher, clock);
    final HealthEndpoints endpoints = new HealthEndpoints(lifecycle);

    @Test
    void liveAndReadyAnswer200WithEveryProvidersState() {
        lifecycle.acquire("alpha");

        HealthEndpoints.Response live = endpoints.handle("/health/live").orElseThrow();
        HealthEndpoints.Response ready = endpoints.handle("/health/ready").orElseThrow();

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body().at("/providers/alpha/state").asText()).isEqualTo("READY");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().at("/checks/store").asText()).isEqualTo("UP");
        assertThat(ready.body().at("/providers/alpha/mode").asText()).isEqualTo("remote");
    }

    @Test
    void readyIs503WhenTheStoreCannotBeReachedWhileLiveStays200() {
        store.failure = new IllegalStateException("connection refused");

        HealthEndpoints.Response ready = endpoints.ready();

        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body().path("status").asText()).isEqualTo("DOWN");
        assertThat(ready.body().at("/checks/store").asText()).contains("connection refused");
        assertThat(ready.body().at("/providers/alpha/state").asText()).as("last known states").isEqualTo("COLD");
        assertThat(endpoints.live().status()).isEqualTo(200);
    }

    @Test
    void readyIs503NamingTheReadingAndTheKeyWhileTheHeapAfterGcIsAboveTheThresholdAndLiveStays200() {
        java.util.concurrent.atomic.AtomicReference<HeapReading> heap =
                new java.util.concurrent.atomic.AtomicReference<>(new HeapReading(900L << 20, 1000L << 20));
        HealthEndpoints watching = new HealthEndpoints(lifecycle, heap::get, 90);

        HealthEndpoints.Response atThreshold = watching.ready();
        heap.set(new HeapReading(901L << 20, 1000L << 20));
        HealthEndpoints.Response above = watching.ready();

        assertThat(atThreshold.status()).as("90 % is not above 90 %").isEqualTo(200);
        assertThat(atThreshold.body().at("/checks/memory").asText()).startsWith("UP");
        assertThat(above.status()).isEqualTo(503);
        assertThat(above.body().at("/checks/memory").asText()).as("the reading, the threshold and its key")
                .startsWith("DOWN").contains("901 MiB of 1000 MiB").contains("90 %")
                .contains("gateway.readiness_max_heap_percent");
        assertThat(above.body().at("/checks/store").asText()).as("the other checks still report").isEqualTo("UP");
        assertThat(watching.live().status()).isEqualTo(200);
    }

    @Test
    void aJvmWithoutAMaximumHeapIsNeverUnderPressure() {
        HealthEndpoints unbounded = new HealthEndpoints(lifecycle, () -> new HeapReading(5L << 30, -1), 1);

        assertThat(unbounded.ready().status()).isEqualTo(200);
    }

    @Test
    void thisJvmsHeapReadingIsWithinItsMaximum() {
        HeapReading reading = HeapReading.ofThisJvm();

        assertThat(reading.maxBytes()).as("surefire runs with a maximum heap").isPositive();
        assertThat(reading.usedAfterLastGcBytes()).isBetween(0L, reading.maxBytes());
    }

    @Test
    void startupIs503UntilStartUpIsMarkedDone() {
        assertThat(endpoints.startup().status()).isEqualTo(503);
        endpoints.markStarted();
        assertThat(endpoints.startup().status()).isEqualTo(200);
    }

    @Test
    void otherPathsAreNotHealthEndpoints() {
        assertThat(endpoints.handle("/health/other")).isEmpty();
        assertThat(endpoints.handle("/mcp")).isEmpty();
    }
}
