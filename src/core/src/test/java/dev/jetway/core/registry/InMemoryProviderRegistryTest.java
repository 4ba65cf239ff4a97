package dev.jetway.core.registry;

import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.eventstore.InMemoryEventStore;

class InMemoryProviderRegistryTest extends ProviderRegistryContract {
    @Override
    protected EventStore newStore() {
        return new InMemoryEventStore();
    }
}
