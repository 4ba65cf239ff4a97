package dev.jetway.core.eventstore;

class InMemoryEventStoreTest extends EventStoreContract {
    @Override
    protected EventStore newStore() {
        return new InMemoryEventStore();
    }
}
