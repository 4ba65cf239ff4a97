package dev.jetway.bench;

import java.net.URI;

/**
 * One way for a client to reach an upstream: directly (the floor) or through a gateway.
 *
 * @param name short id used in tables and in the JSON results, e.g. {@code jetway-local/remote}
 * @param kind {@code direct}, {@code jetway} or {@code peer}
 * @param endpoint the Streamable HTTP endpoint the load generator posts to
 * @param toolPrefix what the gateway puts before the upstream's tool names ({@code ""} for none)
 * @param upstreamTransport how the gateway reaches the upstream: {@code http} or {@code stdio}
 */
record Target(String name, String kind, URI endpoint, String toolPrefix, String upstreamTransport) {

    boolean isPeer() {
        return kind.equals("peer");
    }

    boolean isJetway() {
        return kind.equals("jetway");
    }
}
