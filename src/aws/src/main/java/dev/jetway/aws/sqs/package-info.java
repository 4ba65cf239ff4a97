/** The outbox's dead-letter queue on SQS: poison stream records parked with {@code SendMessage}. */
package dev.jetway.aws.sqs;
