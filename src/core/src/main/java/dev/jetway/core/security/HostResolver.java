package dev.jetway.core.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Looks a host name up in DNS: the lookup whose answer is checked and then pinned. */
@FunctionalInterface
public interface HostResolver {

    /** The platform's DNS, past the pins: a check after a pin expired sees what DNS answers now. */
    HostResolver SYSTEM = PinningResolverProvider::resolveWithoutPins;

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
