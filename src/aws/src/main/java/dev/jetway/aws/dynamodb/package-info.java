/**
 * DynamoDB adapters: the event store over one table ({@link dev.jetway.aws.dynamodb.DynamoDbEventStore}),
 * the schema ledger's versions in the same table
 * ({@link dev.jetway.aws.dynamodb.DynamoDbSchemaVersionStore}, streams {@code schema#<provider>#<method>}),
 * the table's schema ({@link dev.jetway.aws.dynamodb.EventTable}) and the mapping of its DynamoDB
 * Stream's records to the outbox's ({@link dev.jetway.aws.dynamodb.DynamoDbStreamRecords}). Every
 * class takes its {@code DynamoDbClient} from the caller; none creates one.
 */
package dev.jetway.aws.dynamodb;
