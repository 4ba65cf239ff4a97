package dev.jetway.core.security;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a remote provider's URL before the gateway connects to it (SSRF). The host is read the way
 * resolvers read it ({@link IpLiterals}: decimal, octal, hex, short forms, IPv6 with embedded
 * IPv4), or looked up once in DNS; every address of the answer must pass {@link AddressPolicy}
 * unless the provider is allowed the private network. The checked answer is then pinned
 * ({@link PinnedAddresses}), and with {@link PinningResolverProvider} installed, the connection
 * goes to exactly those addresses. Redirects are not followed by the connector at all, so a
 * provider cannot redirect the gateway into a forbidden range either.
 */
public final class RemoteDestinationGuard {

    /** What the Streamable HTTP connector calls before it opens a session. */
    @FunctionalInterface
    public interface Check {
        Check NONE = (provider, url) -> { };

        void check(String provider, URI url);
    }

    /** The checked destination: connect to these addresses only. */
    public record Destination(String host, int port, List<InetAddress> addresses) {}

    private final HostResolver resolver;
    private final PinnedAddresses pins;
    private final Set<String> privateNetworkProviders;

    public RemoteDestinationGuard(HostResolver resolver, PinnedAddresses pins, Set<String> privateNetworkProviders) {
        this.resolver = resolver;
        this.pins = pins;
        this.privateNetworkProviders = Set.copyOf(privateNetworkProviders);
    }

    /** The guard for a configuration: the system resolver and the JVM-wide pins. */
    public static RemoteDestinationGuard forSettings(SecuritySettings security) {
        return new RemoteDestinationGuard(HostResolver.SYSTEM, PinnedAddresses.SHARED, security.privateNetworkProviders());
    }

    public Check asCheck() {
        return (provider, url) -> check(provider, url);
    }

    /** @throws ForbiddenDestinationException saying which address is refused and how to allow it */
    public Destination check(String provider, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ForbiddenDestinationException(provider, "provider '" + provider + "': url must be http or https");
        }
        String host = url.getHost() != null ? url.getHost() : hostOfAuthority(url.getRawAuthority());
        if (host == null || host.isEmpty()) {
            throw new ForbiddenDestinationException(provider, "provider '" + provider + "': url has no host");
        }
        if (url.getRawUserInfo() != null) {
            throw new ForbiddenDestinationException(provider, "provider '" + provider
                    + "': url must not carry user:password@ (put credentials in headers)");
        }
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        Optional<InetAddress> literal = IpLiterals.parse(host);
        List<InetAddress> addresses;
        if (literal.isPresent()) {
            addresses = List.of(literal.get());
        } else {
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                throw new ForbiddenDestinationException(provider, "provider '" + provider + "': host '" + host
                        + "' does not resolve");
            }
        }
        if (addresses.isEmpty()) {
            throw new ForbiddenDestinationException(provider, "provider '" + provider + "': host '" + host + "' has no address");
        }
        if (!privateNetworkProviders.contains(provider)) {
            for (InetAddress address : addresses) {
                Optional<String> refusal = AddressPolicy.refusal(address);
                if (refusal.isPresent()) {
                    throw new ForbiddenDestinationException(provider, "provider '" + provider + "': " + host
                            + " is refused because " + refusal.get() + "; if this provider really lives on a private "
                            + "network, set security.providers." + provider + ".allow_private_network: true");
                }
            }
        }
        if (literal.isEmpty()) pins.pin(host, addresses);
        return new Destination(host, port, addresses);
    }

    /** java.net.URI gives no host for forms like {@code 0x7f.1}; the authority still names one. */
    private static String hostOfAuthority(String authority) {
        if (authority == null) return null;
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end < 0 ? hostPort : hostPort.substring(0, end + 1);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }
}
