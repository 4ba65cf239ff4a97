package dev.jetway.core.gateway;

import java.util.Objects;

/** Where a client-visible name or URI leads: a provider and the name it uses itself. */
public record Route(String provider, String upstreamName) {
    public Route {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(upstreamName, "upstreamName");
    }
}
