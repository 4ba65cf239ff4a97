package dev.jetway.core.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObservedEventStoreTest {

    final List<EventEnvelope> seen = new ArrayList<>();
    final AppendedEventsObserver failing = events -> { throw new IllegalStateException("observer bug"); };
    final ObservedEventStore store = new ObservedEventStore(new InMemoryEventStore(), List.of(failing, seen::addAll));

    @Test
    void observersSeeExactlyTheStoredEnvelopesAndAThrowingObserverNeverFailsTheAppend() {
        store.append(AppendRequest.of("provider#a", AppendRequest.NO_STREAM, List.of(event(), event())));
        store.append(AppendRequest.of("provider#a", 1, List.of(event())));

        assertThat(seen).as("the envelopes as stored, versions included").isEqualTo(store.read("provider#a", 0));
        assertThat(store.observerFailures()).isEqualTo(2);
    }

    @Test
    void aReplayedAppendStoredNothingAndIsNotReported() {
        AppendRequest request = AppendRequest.of("provider#a", AppendRequest.NO_STREAM, List.of(event()))
                .withIdempotencyToken("token-1");
        store.append(request);
        AppendResult replay = store.append(request);

        assertThat(replay.replayed()).isTrue();
        assertThat(seen).hasSize(1);
    }

    @Test
    void aLostRaceIsNotReported() {
        store.append(AppendRequest.of("provider#a", AppendRequest.NO_STREAM, List.of(event())));
        try {
            store.append(AppendRequest.of("provider#a", AppendRequest.NO_STREAM, List.of(event())));
        } catch (WrongExpectedVersionException expected) {
            // the second writer lost
        }

        assertThat(seen).hasSize(1);
    }

    private static NewEvent event() {
        return new NewEvent(UUID.randomUUID(), "ProviderRecovered", 1, Instant.parse("2026-03-02T08:00:00Z"), null,
                Json.object().put("provider", "a"));
    }
}
