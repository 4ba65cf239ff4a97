package dev.jetway.core.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JVM's name resolver (JDK 18+ SPI), made to answer pinned hosts with their checked addresses
 * and every other host as the built-in resolver would. A runtime enables it by listing this class
 * in {@code META-INF/services/java.net.spi.InetAddressResolverProvider} (the local runner does).
 * Without it the guard still checks every address, but the HTTP client's own lookup could, in
 * principle, get a different answer than the checked one.
 */
public final class PinningResolverProvider extends InetAddressResolverProvider {

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                List<InetAddress> pinned = PinnedAddresses.SHARED.lookup(host).orElse(null);
                if (pinned == null) return builtin.lookupByName(host, policy);
                return pinned.stream().filter(a -> accepts(policy, a));
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
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
