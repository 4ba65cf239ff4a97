package dev.jetway.core.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Whether the gateway may listen on an address. Loopback is always fine. Any other address
 * (including 0.0.0.0, which is every interface) needs OAuth or API keys, or the explicit
 * {@code security.allow_unauthenticated_non_loopback: true} of an operator whose network already
 * checks callers: an open gateway lets anyone who reaches the port call every provider with the
 * credentials configured for it.
 */
public final class BindPolicy {

    private BindPolicy() {}

    /** @throws UnsafeBindException with what to change, when the address is not safe to listen on */
    public static void requireSafe(String host, SecuritySettings security) {
        if (isLoopbackOnly(host) || security.authenticates() || security.allowUnauthenticatedNonLoopback()) return;
        throw new UnsafeBindException("refusing to listen on " + host + " without authentication: anyone who can "
                + "reach this address could call every provider behind the gateway, with the credentials configured "
                + "for them. Listen on 127.0.0.1 (the default), or configure security.oauth or security.api_keys, or, "
                + "if something in front of the gateway already authenticates every caller, set "
                + "security.allow_unauthenticated_non_loopback: true");
    }

    static boolean isLoopbackOnly(String host) {
        if (AddressPolicy.isLoopbackName(host)) return true;
        if (IpLiterals.parse(host).isPresent()) return false;
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            return all.length > 0 && Arrays.stream(all).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
