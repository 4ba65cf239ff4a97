package dev.jetway.core.lifecycle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where each provider came from: the config file (and which), or a registration at run time (and
 * by which tool). Kept per gateway instance for {@code registry_sources}; the provider's events say
 * the same durably.
 */
public final class ProviderSources {

    /** How a provider entered the registry. */
    public enum Kind { CONFIG, RUNTIME }

    /**
     * @param location the config file's path, or what registered it (e.g. {@code registry_add})
     */
    public record Source(Kind kind, String location, Instant since) {
        public Source {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(since, "since");
        }
    }

    private final Map<String, Source> sources = new LinkedHashMap<>();

    public synchronized void put(String provider, Source source) {
        sources.put(provider, source);
    }

    public synchronized void remove(String provider) {
        sources.remove(provider);
    }

    /** Every provider's source, in the order they arrived. */
    public synchronized Map<String, Source> all() {
        return new LinkedHashMap<>(sources);
    }

    /** Moves every provider that came from a config file to {@code location} (the file's real path, once known). */
    public synchronized void relocateConfig(String location) {
        sources.replaceAll((name, s) -> s.kind() == Kind.CONFIG ? new Source(Kind.CONFIG, location, s.since()) : s);
    }
}
