package dev.jetway.core.eventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The event store in one JVM's memory: for tests and for local mode without persistence. */
public final class InMemoryEventStore implements EventStore {

    private final ConcurrentMap<String, Stream> streams = new ConcurrentHashMap<>();

    @Override
    public AppendResult append(AppendRequest request) {
        Stream stream = streams.computeIfAbsent(request.streamId(), id -> new Stream());
        synchronized (stream) {
            long head = stream.events.size() - 1L;
            if (head != request.expectedVersion()) {
                return IdempotentRetry.resolve(request, head, stream.tokensFrom(request.expectedVersion() + 1));
            }
            for (int i = 0; i < request.events().size(); i++) {
                NewEvent event = request.events().get(i);
                stream.events.add(new Stored(event.at(request.streamId(), head + 1 + i), request.idempotencyToken()));
            }
            if (request.projection() != null) {
                stream.projection = new StoredProjection(request.streamId(), request.lastVersion(),
                        request.projection().deepCopy());
            }
            return new AppendResult(request.lastVersion(), false);
        }
    }

    @Override
    public List<EventEnvelope> read(String streamId, long fromVersion) {
        Stream stream = streams.get(streamId);
        if (stream == null) return List.of();
        synchronized (stream) {
            List<EventEnvelope> out = new ArrayList<>();
            for (int v = (int) Math.max(0, fromVersion); v < stream.events.size(); v++) {
                out.add(stream.events.get(v).envelope());
            }
            return out;
        }
    }

    @Override
    public Optional<StoredProjection> projection(String streamId) {
        Stream stream = streams.get(streamId);
        if (stream == null) return Optional.empty();
        synchronized (stream) {
            return Optional.ofNullable(stream.projection);
        }
    }

    @Override
    public List<String> streamIds(String prefix) {
        return streams.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && !e.getValue().isEmpty())
                .map(java.util.Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private record Stored(EventEnvelope envelope, String token) {}

    private static final class Stream {
        final List<Stored> events = new ArrayList<>();
        StoredProjection projection;

        boolean isEmpty() {
            synchronized (this) {
                return events.isEmpty();
            }
        }

        /** Tokens of the events from {@code version} on, in order (null where none). */
        List<String> tokensFrom(long version) {
            List<String> tokens = new ArrayList<>();
            for (long v = Math.max(0, version); v < events.size(); v++) tokens.add(events.get((int) v).token());
            return tokens;
        }
    }

    @Override
    public String toString() {
        return "InMemoryEventStore[" + streams.size() + " streams]";
    }
}
