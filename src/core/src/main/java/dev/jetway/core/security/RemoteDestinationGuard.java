package dev.jetway.core.security;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a remote provider's URL before the gateway connects to it (SSRF). The host is read the way
 * resolvers read it ({@link IpLiterals}: decimal, octal, hex, short forms, IPv6 with embedded
 * IPv4), or looked up in DNS; every address of the answer must pass {@link AddressPolicy} unless
 * the provider is allowed the private network. The checked answer is then pinned ({@link
 * PinnedAddresses}) for {@link #PIN_LIFETIME}, and with {@link PinningResolverProvider} installed,
 * every connection goes to exactly those addresses. When the pin has expired, the next request (or
 * the JVM's next lookup of the name) resolves and checks again before anything connects, so no
 * answer that the policy refuses is ever used, however long a session lives. Redirects are not
 * followed by the connector at all, so a provider cannot redirect the gateway into a forbidden
 * range either.
 */
public final class RemoteDestinationGuard {

    /** How long a checked answer is used before the name is resolved and checked again. */
    public static final Duration PIN_LIFETIME = Duration.ofMinutes(10);

    private static final String AFTER_EXPIRY = " when checked again after its pin expired";

    /** What the Streamable HTTP connector calls before it opens a session. */
    @FunctionalInterface
    public interface Check {
        Check NONE = (provider, url) -> Approval.ALWAYS;

        /**
         * @return what the session asks before each later request
         * @throws ForbiddenDestinationException saying which address is refused and how to allow it
         */
        Approval check(String provider, URI url);
    }

    /** A checked destination, asked again before each request of a session. */
    @FunctionalInterface
    public interface Approval {
        Approval ALWAYS = () -> { };

        /**
         * Returns at once while the host's pin is fresh; once it has expired, resolves and checks
         * the host again.
         *
         * @throws ForbiddenDestinationException when the host now resolves somewhere forbidden
         */
        void confirm();
    }

    /** The checked destination: connect to these addresses only. */
    public record Destination(String host, int port, List<InetAddress> addresses) {}

    private final HostResolver resolver;
    private final PinnedAddresses pins;
    private final Set<String> privateNetworkProviders;
    private final Function<InetAddress, Optional<String>> refusal;
    private final Clock clock;
    private final Duration pinLifetime;

    public RemoteDestinationGuard(HostResolver resolver, PinnedAddresses pins, Set<String> privateNetworkProviders) {
        this(resolver, pins, privateNetworkProviders, AddressPolicy::refusal, Clock.systemUTC(), PIN_LIFETIME);
    }

    /**
     * @param refusal why an address is refused, empty when it is allowed ({@link AddressPolicy#refusal}
     *                outside tests that need a loopback server to stand for the internet)
     * @param clock   what pin lifetimes are measured on
     */
    public RemoteDestinationGuard(HostResolver resolver, PinnedAddresses pins, Set<String> privateNetworkProviders,
                                  Function<InetAddress, Optional<String>> refusal, Clock clock, Duration pinLifetime) {
        this.resolver = resolver;
        this.pins = pins;
        this.privateNetworkProviders = Set.copyOf(privateNetworkProviders);
        this.refusal = refusal;
        this.clock = clock;
        this.pinLifetime = pinLifetime;
    }

    /** The guard for a configuration: the system resolver and the JVM-wide pins. */
    public static RemoteDestinationGuard forSettings(SecuritySettings security) {
        return new RemoteDestinationGuard(HostResolver.SYSTEM, PinnedAddresses.SHARED, security.privateNetworkProviders());
    }

    public Check asCheck() {
        return (provider, url) -> approval(provider, check(provider, url));
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
        if (literal.isPresent()) {
            requireAllowed(provider, host, List.of(literal.get()), "");
            return new Destination(host, port, List.of(literal.get()));
        }
        return new Destination(host, port, resolveAndPin(provider, host, ""));
    }

    /**
     * What a session asks before each request. A literal address cannot change and a provider allowed
     * the private network has nothing to refuse, so only a checked name is asked again.
     */
    private Approval approval(String provider, Destination destination) {
        if (!guards(provider) || IpLiterals.parse(destination.host()).isPresent()) return Approval.ALWAYS;
        String host = destination.host();
        return () -> {
            if (!pins.isFresh(host)) resolveAndPin(provider, host, AFTER_EXPIRY);
        };
    }

    private boolean guards(String provider) {
        return !privateNetworkProviders.contains(provider);
    }

    /**
     * Resolves the name, checks every address and pins the answer. Only names checked for a provider
     * held to the policy are pinned: a pin is then always an answer the policy allows, whoever reads it.
     */
    private List<InetAddress> resolveAndPin(String provider, String host, String when) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new ForbiddenDestinationException(provider, "provider '" + provider + "': host '" + host
                    + "' does not resolve" + when);
        }
        if (addresses.isEmpty()) {
            throw new ForbiddenDestinationException(provider, "provider '" + provider + "': host '" + host
                    + "' has no address" + when);
        }
        requireAllowed(provider, host, addresses, when);
        if (guards(provider)) {
            pins.pin(host, new PinnedAddresses.Pin(addresses, clock.instant().plus(pinLifetime), clock,
                    expired -> resolveAndPin(provider, expired, AFTER_EXPIRY)));
        }
        return addresses;
    }

    private void requireAllowed(String provider, String host, List<InetAddress> addresses, String when) {
        if (!guards(provider)) return;
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal.apply(address);
            if (refused.isPresent()) {
                throw new ForbiddenDestinationException(provider, "provider '" + provider + "': " + host
                        + " is refused" + when + " because " + refused.get() + "; if this provider really lives on a "
                        + "private network, set security.providers." + provider + ".allow_private_network: true");
            }
        }
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
