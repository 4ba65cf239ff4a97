package dev.jetway.aws.dynamodb;

import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.registry.ProviderRegistryContract;

/** Commands, projections written in the same transaction, and the replay-equals-projection check on DynamoDB Local. */
class DynamoDbProviderRegistryTest extends ProviderRegistryContract {
    @Override
    protected EventStore newStore() {
        return new DynamoDbEventStore(DynamoDbLocal.client(), DynamoDbLocal.newEventTable());
    }
}
