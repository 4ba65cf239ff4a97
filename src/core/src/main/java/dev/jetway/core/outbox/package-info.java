/**
 * The outbox fan-out: stream records of newly appended events become EventBridge-shaped entries
 * (source {@code jetway}, detail-type = event type, detail = envelope), published in bounded
 * batches through the {@link dev.jetway.core.outbox.EventPublisher} port, with retries, batch item
 * failures and a dead-letter port for poison records. Transport-neutral: jetway-aws's
 * {@code DynamoDbStreamRecords} maps DynamoDB Streams records to {@link dev.jetway.core.outbox.StreamRecord}.
 */
package dev.jetway.core.outbox;
