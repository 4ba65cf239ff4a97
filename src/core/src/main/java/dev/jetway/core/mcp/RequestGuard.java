package dev.jetway.core.mcp;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The checks that protect a gateway reachable from a browser (DNS rebinding, cross-site calls):
 * the Host header must name an allowed host (else 421) and an Origin header, when present, must
 * be a loopback origin or an allowed one (else 403).
 */
public final class RequestGuard {

    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final List<String> allowedHosts;
    private final List<String> allowedOrigins;

    public RequestGuard(List<String> allowedHosts, List<String> allowedOrigins) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.allowedOrigins = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    /** The reason to refuse the Host, or empty when it is allowed. */
    public Optional<String> rejectHost(Optional<String> hostHeader) {
        if (allowedHosts.contains("*")) return Optional.empty();
        if (hostHeader.isEmpty()) return Optional.of("missing Host header");
        String host = hostWithoutPort(hostHeader.get().toLowerCase(Locale.ROOT));
        if (allowedHosts.contains(host) || allowedHosts.contains(stripBrackets(host))) return Optional.empty();
        return Optional.of("Host '" + hostHeader.get() + "' is not served here (allowed: " + allowedHosts + ")");
    }

    /** The reason to refuse the Origin, or empty when it is absent or allowed. */
    public Optional<String> rejectOrigin(Optional<String> originHeader) {
        if (originHeader.isEmpty() || allowedOrigins.contains("*")) return Optional.empty();
        String origin = originHeader.get().toLowerCase(Locale.ROOT);
        if (allowedOrigins.contains(origin)) return Optional.empty();
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() != null && LOOPBACK.contains(uri.getHost())
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            return Optional.of("Origin '" + originHeader.get() + "' is not a valid origin");
        }
        return Optional.of("Origin '" + originHeader.get() + "' is not allowed");
    }

    private static String hostWithoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
