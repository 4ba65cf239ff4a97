/**
 * The event store port (small role interfaces), its envelope, an in-memory implementation, and
 * read-side upcasting. The DynamoDB implementation lives in jetway-aws.
 */
package dev.jetway.core.eventstore;
