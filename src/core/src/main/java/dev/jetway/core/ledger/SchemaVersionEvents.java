package dev.jetway.core.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.domain.provider.ProviderEvent.ToolSchemaVersionCreated;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.registry.ProviderEventCodec;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A schema version and its {@code ToolSchemaVersionCreated} event, both ways. Stores keep the event
 * and read the version back from it, so the two can never disagree.
 */
public final class SchemaVersionEvents {

    private static final ProviderEventCodec CODEC = new ProviderEventCodec();

    private SchemaVersionEvents() {}

    /** The event of a new version, with the difference to the version before it. */
    public static ToolSchemaVersionCreated event(SchemaVersion version, SchemaDiff diff) {
        return new ToolSchemaVersionCreated(version.provider(), version.method().wireName(), version.number(),
                version.versionId(), version.hash(), version.payload(), version.itemCount(), diff.added(),
                diff.removed(), diff.changedNames());
    }

    /**
     * The event's envelope on {@code schema#<provider>#<method>} at stream version {@code number - 1}.
     * The event id is derived from the stream, number and hash, so two writers of the same version
     * build the same envelope.
     */
    public static EventEnvelope envelope(SchemaVersion version, ToolSchemaVersionCreated event, String correlationId) {
        String streamId = SchemaVersion.streamId(version.provider(), version.method());
        UUID eventId = UUID.nameUUIDFromBytes((streamId + "#" + version.number() + "#" + version.hash())
                .getBytes(StandardCharsets.UTF_8));
        return CODEC.encode(event, eventId, version.createdAt(), correlationId).at(streamId, version.number() - 1L);
    }

    /** The version an event records. */
    public static SchemaVersion version(EventEnvelope envelope) {
        ToolSchemaVersionCreated event = (ToolSchemaVersionCreated) CODEC.decode(envelope);
        ListMethod method = ListMethod.fromWireName(event.method());
        ObjectNode payload = (ObjectNode) event.payload();
        int itemCount = event.itemCount() != null ? event.itemCount() : payload.path(method.itemsField()).size();
        return new SchemaVersion(event.provider(), method, event.versionNumber(), event.hash(), payload, itemCount,
                envelope.occurredAt());
    }
}
