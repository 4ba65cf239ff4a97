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
