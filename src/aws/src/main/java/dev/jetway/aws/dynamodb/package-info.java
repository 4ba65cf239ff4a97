/**
 * DynamoDB adapters: the event store over one table ({@link dev.jetway.aws.dynamodb.DynamoDbEventStore}),
 * the MCP session store in the same table ({@link dev.jetway.aws.dynamodb.DynamoDbSessionStore}) and
 * the table's schema ({@link dev.jetway.aws.dynamodb.EventTable}). Every class takes its
 * {@code DynamoDbClient} from the caller; none creates one.
 */
package dev.jetway.aws.dynamodb;
