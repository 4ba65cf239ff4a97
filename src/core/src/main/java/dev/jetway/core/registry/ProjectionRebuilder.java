package dev.jetway.core.registry;

import dev.jetway.core.domain.provider.Provider;
import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.eventstore.StoredProjection;
import dev.jetway.core.json.CanonicalJson;
import dev.jetway.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays every provider stream and compares the result with the stored projection: proof that the
 * projections can be thrown away and rebuilt, and a way to find one that drifted.
 */
public final class ProjectionRebuilder {

    private final EventStore store;
    private final ProviderRepository repository;

    public ProjectionRebuilder(EventStore store, ProviderRepository repository) {
        this.store = store;
        this.repository = repository;
    }

    public Report rebuild() {
        Map<String, Provider> rebuilt = new LinkedHashMap<>();
        List<Mismatch> mismatches = new ArrayList<>();
        for (String streamId : store.streamIds(Provider.STREAM_PREFIX)) {
            String name = streamId.substring(Provider.STREAM_PREFIX.length());
            Provider replayed = repository.replay(name);
            rebuilt.put(name, replayed);
            JsonNode expected = Json.toObject(replayed);
            Optional<StoredProjection> stored = store.projection(streamId);
            if (stored.isEmpty()) {
                mismatches.add(new Mismatch(name, expected, null));
            } else if (!sameContent(stored.get().state(), expected) || stored.get().version() != replayed.version()) {
                mismatches.add(new Mismatch(name, expected, stored.get().state()));
            }
        }
        return new Report(rebuilt, mismatches);
    }

    /**
     * Compares as canonical JSON: a store may hand numbers back as another node type (a long
     * written, an int read), which is the same state.
     */
    static boolean sameContent(JsonNode a, JsonNode b) {
        return CanonicalJson.of(a).equals(CanonicalJson.of(b));
    }

    /** A stored projection that differs from the replay; {@code stored} is null when none was stored. */
    public record Mismatch(String provider, JsonNode replayed, JsonNode stored) {}

    public record Report(Map<String, Provider> providers, List<Mismatch> mismatches) {
        public boolean consistent() {
            return mismatches.isEmpty();
        }
    }
}
