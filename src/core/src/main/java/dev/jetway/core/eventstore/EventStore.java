package dev.jetway.core.eventstore;

/**
 * Jetway's append-only event store: streams of events with optimistic concurrency, and a projection
 * per stream written atomically with the events that change it. Implementations: {@link
 * InMemoryEventStore} here, the DynamoDB store in jetway-aws; both pass one contract suite.
 */
public interface EventStore extends ReadEventStream, AppendToEventStream, ReadProjections {}
