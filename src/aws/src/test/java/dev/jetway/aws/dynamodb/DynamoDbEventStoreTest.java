package dev.jetway.aws.dynamodb;

import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.eventstore.EventStoreContract;

/** The event store contract against DynamoDB Local; one fresh table per test. */
class DynamoDbEventStoreTest extends EventStoreContract {
    @Override
    protected EventStore newStore() {
        return new DynamoDbEventStore(DynamoDbLocal.client(), DynamoDbLocal.newEventTable());
    }
}
