package dev.jetway.core.registry;

import dev.jetway.core.domain.provider.Provider;
import dev.jetway.core.domain.provider.ProviderCommand;
import dev.jetway.core.domain.provider.ProviderDecider;
import dev.jetway.core.domain.provider.ProviderEvent;
import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.AppendResult;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.eventstore.NewEvent;
import dev.jetway.core.eventstore.StoredProjection;
import dev.jetway.core.eventstore.WrongExpectedVersionException;
import dev.jetway.core.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs provider commands against the event store: load the state, decide, append the events with
 * the expected version and the new state as the stream's projection, in one atomic step.
 */
public final class ProviderRepository {

    private final EventStore store;
    private final ProviderEventCodec codec;
    private final Clock clock;
    private final Supplier<UUID> eventIds;

    public ProviderRepository(EventStore store, Clock clock) {
        this(store, new ProviderEventCodec(), clock, UUID::randomUUID);
    }

    public ProviderRepository(EventStore store, ProviderEventCodec codec, Clock clock, Supplier<UUID> eventIds) {
        this.store = store;
        this.codec = codec;
        this.clock = clock;
        this.eventIds = eventIds;
    }

    /**
     * The provider's current state: the stored projection plus any events appended after it. A
     * provider never registered comes back as {@link Provider#unregistered}.
     */
    public Provider load(String name) {
        String streamId = Provider.streamIdOf(name);
        Optional<StoredProjection> projection = store.projection(streamId);
        Provider state = projection
                .map(p -> Json.convert(p.state(), Provider.class))
                .orElseGet(() -> Provider.unregistered(name));
        return fold(state, store.read(streamId, state.version() + 1));
    }

    /** The provider's state from its events alone, ignoring the projection. */
    public Provider replay(String name) {
        return fold(Provider.unregistered(name), store.read(Provider.streamIdOf(name), 0));
    }

    /**
     * Decides once on the current state and appends.
     *
     * @param idempotencyToken optional; retrying with the same token after a success stores nothing new
     * @throws WrongExpectedVersionException when another writer appended in between
     */
    public CommandResult execute(String name, ProviderCommand command, String correlationId, String idempotencyToken) {
        Provider current = load(name);
        List<ProviderEvent> events = ProviderDecider.decide(current, command, clock);
        if (events.isEmpty()) return new CommandResult(current, List.of());

        Instant now = clock.instant();
        List<NewEvent> encoded = new ArrayList<>(events.size());
        Provider next = current;
        for (ProviderEvent event : events) {
            encoded.add(codec.encode(event, eventIds.get(), now, correlationId));
            next = ProviderDecider.evolve(next, event);
        }
        AppendRequest request = new AppendRequest(current.streamId(), current.version(), encoded, idempotencyToken,
                Json.toObject(next));
        AppendResult result = store.append(request);
        if (result.replayed()) return new CommandResult(load(name), List.of());
        List<EventEnvelope> appended = new ArrayList<>(encoded.size());
        for (int i = 0; i < encoded.size(); i++) {
            appended.add(encoded.get(i).at(current.streamId(), current.version() + 1 + i));
        }
        return new CommandResult(next, appended);
    }

    /** Like {@link #execute} but re-reads and decides again on a lost race, up to {@code maxAttempts} times. */
    public CommandResult executeWithRetry(String name, ProviderCommand command, String correlationId, int maxAttempts) {
        for (int attempt = 1; ; attempt++) {
            try {
                return execute(name, command, correlationId, null);
            } catch (WrongExpectedVersionException e) {
                if (attempt >= maxAttempts) throw e;
            }
        }
    }

    private Provider fold(Provider state, List<EventEnvelope> events) {
        for (EventEnvelope e : events) state = ProviderDecider.evolve(state, codec.decode(e));
        return state;
    }
}
