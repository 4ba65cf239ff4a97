package dev.jetway.core.ledger;

/** The schema version store contract against the in-memory store. */
class InMemorySchemaVersionStoreTest extends SchemaVersionStoreContract {
    @Override
    protected SchemaVersionStore newStore() {
        return new InMemorySchemaVersionStore();
    }
}
