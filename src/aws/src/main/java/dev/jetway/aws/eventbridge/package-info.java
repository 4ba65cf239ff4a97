/** The outbox's EventBridge adapter: {@code PutEvents} through the AWS SDK v2. */
package dev.jetway.aws.eventbridge;
