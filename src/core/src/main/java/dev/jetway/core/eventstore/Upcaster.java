package dev.jetway.core.eventstore;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns the {@code data} of one event type from schema version {@link #fromVersion()} into
 * {@code fromVersion() + 1}: exactly one step, pure (the input is not modified), run only on read.
 */
public interface Upcaster {

    String eventType();

    int fromVersion();

    ObjectNode upcast(ObjectNode data);

    default int toVersion() {
        return fromVersion() + 1;
    }
}
