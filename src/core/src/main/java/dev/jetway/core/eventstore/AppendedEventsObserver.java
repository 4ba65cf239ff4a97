package dev.jetway.core.eventstore;

import java.util.List;

/**
 * Told about events right after they were stored (metrics, local event logs). Called on the
 * appender's thread, so it must be quick and must not block; what it throws is swallowed by
 * {@link ObservedEventStore} and never fails the append.
 */
@FunctionalInterface
public interface AppendedEventsObserver {

    /** @param events the envelopes just stored, in stream order; never empty */
    void onAppended(List<EventEnvelope> events);
}
