package dev.jetway.core.registry;

import dev.jetway.core.domain.provider.Provider;
import dev.jetway.core.eventstore.EventEnvelope;
import java.util.List;

/** The provider's state after a command and the events the command stored (empty when nothing changed). */
public record CommandResult(Provider provider, List<EventEnvelope> appended) {
    public CommandResult {
        appended = List.copyOf(appended);
    }
}
