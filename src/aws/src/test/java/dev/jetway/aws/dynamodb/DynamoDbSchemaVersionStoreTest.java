package dev.jetway.aws.dynamodb;

import dev.jetway.core.ledger.SchemaVersionStore;
import dev.jetway.core.ledger.SchemaVersionStoreContract;

/** The schema version store contract, ledger races included, against DynamoDB Local; one fresh table per test. */
class DynamoDbSchemaVersionStoreTest extends SchemaVersionStoreContract {
    @Override
    protected SchemaVersionStore newStore() {
        return new DynamoDbSchemaVersionStore(DynamoDbLocal.client(), DynamoDbLocal.newEventTable());
    }
}
