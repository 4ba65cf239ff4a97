package dev.jetway.core.eventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An event store that tells observers about every append it stored. Whoever appends (the registry,
 * the lifecycle) needs no change: the composition root wraps its store. A replayed append
 * (idempotent retry) stored nothing and is not reported.
 */
public final class ObservedEventStore implements EventStore {

    private final EventStore delegate;
    private final List<AppendedEventsObserver> observers;
    private final AtomicLong observerFailures = new AtomicLong();

    public ObservedEventStore(EventStore delegate, List<AppendedEventsObserver> observers) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.observers = List.copyOf(observers);
    }

    @Override
    public AppendResult append(AppendRequest request) {
        AppendResult result = delegate.append(request);
        if (result.replayed() || observers.isEmpty()) return result;
        List<EventEnvelope> stored = new ArrayList<>(request.events().size());
        for (int i = 0; i < request.events().size(); i++) {
            stored.add(request.events().get(i).at(request.streamId(), request.expectedVersion() + 1 + i));
        }
        List<EventEnvelope> appended = List.copyOf(stored);
        for (AppendedEventsObserver observer : observers) {
            try {
                observer.onAppended(appended);
            } catch (RuntimeException e) {
                observerFailures.incrementAndGet();
            }
        }
        return result;
    }

    /** Times an observer threw; the append had succeeded each time. */
    public long observerFailures() {
        return observerFailures.get();
    }

    @Override
    public List<EventEnvelope> read(String streamId, long fromVersion) {
        return delegate.read(streamId, fromVersion);
    }

    @Override
    public Optional<StoredProjection> projection(String streamId) {
        return delegate.projection(streamId);
    }

    @Override
    public List<String> streamIds(String prefix) {
        return delegate.streamIds(prefix);
    }
}
