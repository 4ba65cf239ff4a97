package dev.jetway.core.ledger;

import dev.jetway.core.eventstore.EventEnvelope;
import java.util.List;
import java.util.Optional;

/**
 * Where schema versions are kept, per provider and list method. Versions are only ever added, with
 * numbers 1, 2, 3, … and never changed.
 */
public interface SchemaVersionStore {

    /** The version with the highest number, or empty when none was recorded. */
    Optional<SchemaVersion> latest(String provider, ListMethod method);

    /** Version {@code number}, or empty when there is no such version. */
    Optional<SchemaVersion> version(String provider, ListMethod method, int number);

    /** Every version, oldest first. */
    List<SchemaVersion> versions(String provider, ListMethod method);

    /**
     * Stores {@code version} and its {@code ToolSchemaVersionCreated} event as one write, only if
     * no version with that number exists for its provider and method: of two writers of the same
     * number exactly one succeeds. The event is part of the same write so that a version is never
     * stored without its event, nor the other way round.
     *
     * @param event the envelope of the version's event, on stream
     *     {@link SchemaVersion#streamId} at stream version {@code number - 1}
     * @throws SchemaVersionExistsException when that number is already taken
     */
    void create(SchemaVersion version, EventEnvelope event);


    /**
     * Checks that {@code event} is the event of {@code version}: on its stream, at its position.
     *
     * @throws IllegalArgumentException naming what does not match
     */
    static void requireEventOf(SchemaVersion version, EventEnvelope event) {
        String stream = SchemaVersion.streamId(version.provider(), version.method());
        if (!event.streamId().equals(stream) || event.streamVersion() != version.number() - 1L) {
            throw new IllegalArgumentException("the event of " + stream + " version " + version.number()
                    + " belongs at stream version " + (version.number() - 1) + " of " + stream + ", not at "
                    + event.streamVersion() + " of " + event.streamId());
        }
    }
}
