package dev.jetway.core.eventstore;

import java.util.List;

/** Reads one stream's events in stream-version order. */
public interface ReadEventStream {

    /** Events with {@code stream_version >= fromVersion}, oldest first; empty for an unknown stream. */
    List<EventEnvelope> read(String streamId, long fromVersion);

    default List<EventEnvelope> read(String streamId) {
        return read(streamId, 0);
    }
}
