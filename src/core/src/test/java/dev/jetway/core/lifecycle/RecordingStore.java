package dev.jetway.core.lifecycle;

import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.AppendResult;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.eventstore.StoredProjection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real in-memory store, counting reads and appends, able to fail (an unreachable store) and to
 * run a hook just before the next append (to interleave a competing writer at the worst moment).
 */
final class RecordingStore implements EventStore {

    final InMemoryEventStore delegate = new InMemoryEventStore();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger appends = new AtomicInteger();
    private final AtomicReference<Runnable> beforeNextAppend = new AtomicReference<>();
    volatile RuntimeException failure;

    void beforeNextAppend(Runnable hook) {
        beforeNextAppend.set(hook);
    }

    @Override
    public List<EventEnvelope> read(String streamId, long fromVersion) {
        check();
        reads.incrementAndGet();
        return delegate.read(streamId, fromVersion);
    }

    @Override
    public AppendResult append(AppendRequest request) {
        check();
        Runnable hook = beforeNextAppend.getAndSet(null);
        if (hook != null) hook.run();
        appends.incrementAndGet();
        return delegate.append(request);
    }

    @Override
    public Optional<StoredProjection> projection(String streamId) {
        check();
        reads.incrementAndGet();
        return delegate.projection(streamId);
    }

    @Override
    public List<String> streamIds(String prefix) {
        check();
        return delegate.streamIds(prefix);
    }

    List<String> eventTypes(String provider) {
        return delegate.read("provider#" + provider, 0).stream().map(EventEnvelope::eventType).toList();
    }

    private void check() {
        RuntimeException f = failure;
        if (f != null) throw f;
    }
}
