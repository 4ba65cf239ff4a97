package dev.jetway.core.ledger;

import dev.jetway.core.eventstore.EventEnvelope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Schema versions in memory, for local mode and tests. Keeps each version as its event; every
 * created event is also handed to a listener (local mode's event sink), under the store's lock,
 * so the listener sees each stream's events in order and must not block.
 */
public final class InMemorySchemaVersionStore implements SchemaVersionStore {

    private final Map<String, TreeMap<Integer, EventEnvelope>> streams = new HashMap<>();
    private final List<EventEnvelope> allEvents = new ArrayList<>();
    private final Consumer<EventEnvelope> listener;

    public InMemorySchemaVersionStore() {
        this(event -> {});
    }

    public InMemorySchemaVersionStore(Consumer<EventEnvelope> listener) {
        this.listener = listener;
    }

    @Override
    public synchronized Optional<SchemaVersion> latest(String provider, ListMethod method) {
        TreeMap<Integer, EventEnvelope> stream = stream(provider, method);
        return stream.isEmpty() ? Optional.empty() : Optional.of(SchemaVersionEvents.version(stream.lastEntry().getValue()));
    }

    @Override
    public synchronized Optional<SchemaVersion> version(String provider, ListMethod method, int number) {
        return Optional.ofNullable(stream(provider, method).get(number)).map(SchemaVersionEvents::version);
    }

    @Override
    public synchronized List<SchemaVersion> versions(String provider, ListMethod method) {
        return stream(provider, method).values().stream().map(SchemaVersionEvents::version).toList();
    }

    @Override
    public synchronized void create(SchemaVersion version, EventEnvelope event) {
        SchemaVersionStore.requireEventOf(version, event);
        TreeMap<Integer, EventEnvelope> stream = streams.computeIfAbsent(SchemaVersion.streamId(version.provider(),
                version.method()), id -> new TreeMap<>());
        if (stream.containsKey(version.number())) {
            throw new SchemaVersionExistsException(version.provider(), version.method(), version.number());
        }
        stream.put(version.number(), event);
        allEvents.add(event);
        listener.accept(event);
    }

    /** Every event created, in order. */
    public synchronized List<EventEnvelope> events() {
        return List.copyOf(allEvents);
    }

    private TreeMap<Integer, EventEnvelope> stream(String provider, ListMethod method) {
        return streams.getOrDefault(SchemaVersion.streamId(provider, method), new TreeMap<>());
    }
}
