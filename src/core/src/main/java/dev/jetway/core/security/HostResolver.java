package dev.jetway.core.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Looks a host name up in DNS: the lookup whose answer is checked and then pinned. */
@FunctionalInterface
public interface HostResolver {

    /** The platform's DNS; once a name is guarded, past its pins, so that a re-check sees what DNS answers now. */
    HostResolver SYSTEM = PinningResolverProvider::resolveForCheck;

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
