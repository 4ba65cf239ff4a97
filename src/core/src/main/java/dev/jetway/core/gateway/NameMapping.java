package dev.jetway.core.gateway;

import java.util.Optional;
import java.util.Set;

/**
 * How names and URIs look to clients. With prefixing on, a tool or prompt {@code echo} of provider
 * {@code everything} is {@code everything__echo} (the separator is configurable) and a resource
 * {@code test://static} is {@code everything+test://static}: the provider name becomes part of the
 * URI scheme, which keeps the result a valid URI and needs no escaping. Provider names cannot
 * contain {@code +}, so the first {@code +} always ends the provider name. With prefixing off,
 * names pass through unchanged.
 */
public final class NameMapping {

    private final boolean prefix;
    private final String separator;
    private final Set<String> providers;

    public NameMapping(boolean prefix, String separator, Set<String> providers) {
        this.prefix = prefix;
        this.separator = separator;
        this.providers = Set.copyOf(providers);
    }

    public boolean prefixes() {
        return prefix;
    }

    public String expose(String provider, String upstreamName, boolean isUri) {
        if (!prefix) return upstreamName;
        return isUri ? provider + "+" + upstreamName : provider + separator + upstreamName;
    }

    /** Reads a provider out of a prefixed name, whether or not the name is in any list yet. */
    public Optional<Route> parse(String exposed, boolean isUri) {
        if (!prefix) return Optional.empty();
        String marker = isUri ? "+" : separator;
        int at = exposed.indexOf(marker);
        if (at <= 0) return Optional.empty();
        String provider = exposed.substring(0, at);
        if (!providers.contains(provider)) return Optional.empty();
        return Optional.of(new Route(provider, exposed.substring(at + marker.length())));
    }
}
