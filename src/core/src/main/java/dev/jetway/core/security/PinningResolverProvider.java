package dev.jetway.core.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JVM's name resolver (JDK 18+ SPI), made to answer guarded hosts with their approved addresses
 * ({@link PinnedAddresses}: the pinned ones, or once the pin has expired, those a fresh check
 * approves; a refused answer becomes an {@link UnknownHostException}) and every other host as the
 * built-in resolver would. A runtime enables it by listing this class in {@code
 * META-INF/services/java.net.spi.InetAddressResolverProvider} (the local runner does). Without it
 * the guard still checks every address before each request, but the HTTP client's own lookup
 * could, in principle, get a different answer than the checked one.
 */
public final class PinningResolverProvider extends InetAddressResolverProvider {

    private static final InetAddressResolver.LookupPolicy ANY_ADDRESS = InetAddressResolver.LookupPolicy.of(
            InetAddressResolver.LookupPolicy.IPV4 | InetAddressResolver.LookupPolicy.IPV6);

    /** The built-in resolver, once the JVM has installed this provider. */
    private static volatile InetAddressResolver builtin;

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver dns = configuration.builtinResolver();
        builtin = dns;
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                List<InetAddress> approved;
                try {
                    approved = PinnedAddresses.SHARED.lookup(host).orElse(null);
                } catch (ForbiddenDestinationException e) {
                    UnknownHostException refused = new UnknownHostException(e.getMessage());
                    refused.initCause(e);
                    throw refused;
                }
                if (approved == null) return dns.lookupByName(host, policy);
                return approved.stream().filter(a -> accepts(policy, a));
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return dns.lookupByAddress(address);
            }
        };
    }

    /**
     * The answer the guard checks. A name not guarded yet is asked the way the HTTP client will ask
     * it, through the JVM (and its address cache), so the checked answer is the one the connection
     * gets. A guarded name is asked of DNS directly, past the pins: asking the JVM would return the
     * pin itself, or from inside this resolver, ask it again.
     */
    static List<InetAddress> resolveForCheck(String host) throws UnknownHostException {
        InetAddressResolver dns = builtin;
        if (dns == null || !PinnedAddresses.SHARED.isGuarded(host)) return List.of(InetAddress.getAllByName(host));
        return dns.lookupByName(host, ANY_ADDRESS).toList();
    }

    private static boolean accepts(InetAddressResolver.LookupPolicy policy, InetAddress address) {
        int characteristics = policy.characteristics();
        boolean v4 = (characteristics & InetAddressResolver.LookupPolicy.IPV4) != 0;
        boolean v6 = (characteristics & InetAddressResolver.LookupPolicy.IPV6) != 0;
        return AddressPolicy.isIpv4(address) ? v4 : v6;
    }

    @Override
    public String name() {
        return "jetway-pinning-resolver";
    }
}
