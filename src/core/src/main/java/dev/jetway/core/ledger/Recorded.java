package dev.jetway.core.ledger;

import dev.jetway.core.domain.provider.ProviderEvent.ToolSchemaVersionCreated;

/** What recording a list did: created a version, or found the content already the latest. */
public sealed interface Recorded {

    /** The latest version after recording: the new one, or the unchanged one. */
    SchemaVersion version();

    /** The content was new: a version was stored with its event. */
    record Created(SchemaVersion version, SchemaDiff diff, ToolSchemaVersionCreated event) implements Recorded {}

    /** The content equals the latest version's (possibly written just now by another instance). */
    record Unchanged(SchemaVersion version) implements Recorded {}
}
