/**
 * DynamoDB adapters: the event store over one table ({@link dev.jetway.aws.dynamodb.DynamoDbEventStore}),
 * the schema ledger's versions in the same table
 * ({@link dev.jetway.aws.dynamodb.DynamoDbSchemaVersionStore}, streams {@code schema#<provider>#<method>})
 * and the table's schema ({@link dev.jetway.aws.dynamodb.EventTable}). Every class takes its
 * {@code DynamoDbClient} from the caller; none creates one.
 */
package dev.jetway.aws.dynamodb;
