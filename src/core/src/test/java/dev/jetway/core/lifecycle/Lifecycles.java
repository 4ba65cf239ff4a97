package dev.jetway.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.config.LifecycleSettings;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.domain.resilience.RetryBackoff;
import dev.jetway.core.registry.ProjectionRebuilder;
import dev.jetway.core.registry.ProviderRepository;
import dev.jetway.core.upstream.UpstreamListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Builds lifecycles over a test store and launcher, and checks that replay reproduces their states. */
final class Lifecycles {

    static final ProviderSpec ALPHA = ProviderSpec.remote("http://alpha.invalid/mcp");
    static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8));

    private Lifecycles() {}

    static LifecycleSettings settings(Duration startWait, int circuitThreshold, Duration circuitReset) {
        return new LifecycleSettings(startWait, circuitThreshold, circuitReset, true);
    }

    static EventSourcedLifecycle of(RecordingStore store, ScriptedLauncher launcher, Clock clock,
                                    LifecycleSettings settings, Map<String, ProviderSpec> providers) {
        return new EventSourcedLifecycle(providers, new ProviderRepository(store, clock), launcher, settings, BACKOFF,
                clock, name -> UpstreamListener.NONE);
    }

    static EventSourcedLifecycle alpha(RecordingStore store, ScriptedLauncher launcher, Clock clock) {
        return of(store, launcher, clock, LifecycleSettings.defaults(), Map.of("alpha", ALPHA));
    }

    /** Every stream replayed from its events equals its stored projection, and the lifecycle's view. */
    static void assertReplayReproduces(RecordingStore store, EventSourcedLifecycle lifecycle, Clock clock) {
        ProjectionRebuilder.Report report = new ProjectionRebuilder(store.delegate,
                new ProviderRepository(store.delegate, clock)).rebuild();
        assertThat(report.mismatches()).as("projections rebuilt from the events").isEmpty();
        for (String name : lifecycle.names()) {
            assertThat(report.providers().get(name).state()).as("replayed state of %s", name)
                    .isEqualTo(lifecycle.refresh(name).state());
        }
    }
}
