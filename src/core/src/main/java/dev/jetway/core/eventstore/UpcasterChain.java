package dev.jetway.core.eventstore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Upcasters by event type and version, applied one step at a time up to the version the code reads. */
public final class UpcasterChain {

    private final Map<String, Upcaster> steps = new HashMap<>();

    public UpcasterChain(List<? extends Upcaster> upcasters) {
        for (Upcaster u : upcasters) {
            if (u.fromVersion() < 1) throw new IllegalArgumentException(u.eventType() + ": versions start at 1");
            Upcaster previous = steps.putIfAbsent(key(u.eventType(), u.fromVersion()), u);
            if (previous != null) {
                throw new IllegalArgumentException("two upcasters for " + u.eventType() + " v" + u.fromVersion());
            }
        }
    }

    /**
     * Brings {@code envelope} to {@code targetVersion}.
     *
     * @throws UpcastingException when a step is missing, or the event is newer than the code
     */
    public EventEnvelope upcast(EventEnvelope envelope, int targetVersion) {
        int version = envelope.schemaVersion();
        if (version == targetVersion) return envelope;
        if (version > targetVersion) {
            throw new UpcastingException(envelope.eventType(), version, targetVersion,
                    "the event was written by a newer schema than this code reads");
        }
        ObjectNode data = envelope.data();
        while (version < targetVersion) {
            Upcaster step = steps.get(key(envelope.eventType(), version));
            if (step == null) {
                throw new UpcastingException(envelope.eventType(), version, version + 1,
                        "no upcaster is registered for this step (target v" + targetVersion + ")");
            }
            data = step.upcast(data.deepCopy());
            version++;
        }
        return envelope.withData(version, data);
    }

    private static String key(String eventType, int fromVersion) {
        return eventType + "@" + fromVersion;
    }
}
