package dev.jetway.aws.dynamodb;

import dev.jetway.core.mcp.SessionStore;
import dev.jetway.core.mcp.SessionStoreContract;

/**
 * The session store contract against DynamoDB Local, one fresh table per test: among others, a
 * session opened on one front door continues on a second one that shares only this table.
 */
class DynamoDbSessionStoreTest extends SessionStoreContract {
    @Override
    protected SessionStore newStore() {
        return new DynamoDbSessionStore(DynamoDbLocal.client(), DynamoDbLocal.newEventTable());
    }
}
