package dev.jetway.core.registry;

import dev.jetway.core.domain.provider.ProviderEvent;
import dev.jetway.core.domain.provider.ProviderEventUpcasters;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.NewEvent;
import dev.jetway.core.eventstore.UnknownEventTypeException;
import dev.jetway.core.eventstore.UpcasterChain;
import dev.jetway.core.json.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Provider events to stored data and back: the current schema version per type, and upcasting on read. */
public final class ProviderEventCodec {

    private static final Map<String, Class<?>> TYPES = Arrays.stream(ProviderEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private final UpcasterChain upcasters;

    public ProviderEventCodec() {
        this(new UpcasterChain(ProviderEventUpcasters.all()));
    }

    public ProviderEventCodec(UpcasterChain upcasters) {
        this.upcasters = upcasters;
    }

    /** Event types whose data has moved past schema version 1; every other type is at 1. */
    private static final Map<Class<?>, Integer> CURRENT_VERSIONS = Map.of(ProviderEvent.ProviderStopped.class, 2);

    /** The schema version this code writes and reads for an event type. */
    public static int currentVersion(Class<?> eventType) {
        return CURRENT_VERSIONS.getOrDefault(eventType, 1);
    }

    public NewEvent encode(ProviderEvent event, UUID eventId, Instant occurredAt, String correlationId) {
        return new NewEvent(eventId, event.eventType(), currentVersion(event.getClass()), occurredAt, correlationId,
                Json.toObject(event));
    }

    /** Upcasts to the current version, then reads the record; unknown keys in data are ignored. */
    public ProviderEvent decode(EventEnvelope envelope) {
        Class<?> type = TYPES.get(envelope.eventType());
        if (type == null) {
            throw new UnknownEventTypeException(envelope.eventType(), envelope.streamId(), envelope.streamVersion());
        }
        int target = currentVersion(type);
        EventEnvelope current = upcasters.upcast(envelope, target);
        return (ProviderEvent) Json.convert(current.data(), type);
    }
}
