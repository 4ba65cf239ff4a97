package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.lifecycle.LifecycleRuntime;
import dev.jetway.core.registry.ProjectionRebuilder;
import dev.jetway.core.registry.ProviderRepository;
import java.time.Clock;
import java.util.List;

/** What a provider's stream holds, and the proof that replaying it reproduces the state. */
final class Streams {

    private Streams() {}

    static List<String> types(EventStore store, String provider) {
        return store.read("provider#" + provider).stream().map(EventEnvelope::eventType).toList();
    }

    static JsonNode lastData(EventStore store, String provider, String type) {
        List<EventEnvelope> events = store.read("provider#" + provider);
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).eventType().equals(type)) return events.get(i).data();
        }
        throw new AssertionError("no " + type + " in the stream of " + provider + ": " + types(store, provider));
    }

    static void assertReplayReproducesEveryState(LifecycleRuntime runtime, Clock clock) {
        ProjectionRebuilder.Report report = new ProjectionRebuilder(runtime.store(),
                new ProviderRepository(runtime.store(), clock)).rebuild();
        assertThat(report.mismatches()).as("stored projections against a replay of the events").isEmpty();
        for (String name : runtime.lifecycle().names()) {
            assertThat(report.providers().get(name).state()).as("replayed state of %s", name)
                    .isEqualTo(runtime.lifecycle().refresh(name).state());
        }
    }
}
