package dev.jetway.core.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which IP addresses a remote provider may be reached at. Refused unless a provider is allowed the
 * private network: loopback, link-local (including the cloud metadata addresses 169.254.169.254
 * and fd00:ec2::254), private and shared ranges (10/8, 172.16/12, 192.168/16, 100.64/10,
 * fc00::/7), unspecified, multicast, broadcast and reserved. IPv4 addresses embedded in IPv6
 * (mapped, compatible, NAT64, 6to4) are judged as the IPv4 address they carry.
 */
public final class AddressPolicy {

    private AddressPolicy() {}

    /** Why a provider may not connect to the address, or empty when it may. */
    public static Optional<String> refusal(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Optional<byte[]> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) return refusalV4(embedded.get(), "IPv4 embedded in " + v6.getHostAddress() + ": ");
            return refusalV6(b);
        }
        return refusalV4(address.getAddress(), "");
    }

    /** Whether a configured host name or literal is this machine only (used for bind and jwks_uri checks). */
    public static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (h.equals("localhost") || h.endsWith(".localhost")) return true;
        Optional<InetAddress> literal = IpLiterals.parse(h);
        return literal.isPresent() && literal.get().isLoopbackAddress();
    }

    private static Optional<String> refusalV4(byte[] a, String prefix) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        String address = (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        String reason = null;
        if (b0 == 0) reason = "unspecified / 'this network' (0.0.0.0/8)";
        else if (b0 == 127) reason = "loopback (127.0.0.0/8)";
        else if (b0 == 10) reason = "private (10.0.0.0/8)";
        else if (b0 == 172 && (b1 & 0xf0) == 16) reason = "private (172.16.0.0/12)";
        else if (b0 == 192 && b1 == 168) reason = "private (192.168.0.0/16)";
        else if (b0 == 100 && (b1 & 0xc0) == 64) reason = "shared address space (100.64.0.0/10)";
        else if (b0 == 169 && b1 == 254) reason = "link-local, where cloud metadata services live (169.254.0.0/16)";
        else if (b0 == 192 && b1 == 0 && (a[2] & 0xff) == 0) reason = "IETF protocol assignments (192.0.0.0/24)";
        else if (b0 == 198 && (b1 & 0xfe) == 18) reason = "benchmarking (198.18.0.0/15)";
        else if (b0 >= 224 && b0 <= 239) reason = "multicast (224.0.0.0/4)";
        else if (b0 >= 240) reason = "reserved or broadcast (240.0.0.0/4)";
        return Optional.ofNullable(reason).map(r -> prefix + address + " is " + r);
    }

    private static Optional<String> refusalV6(byte[] b) {
        String address;
        try {
            address = InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        boolean allZeroButLast = true;
        for (int i = 0; i < 15; i++) allZeroButLast &= b[i] == 0;
        String reason = null;
        if (allZeroButLast && b[15] == 0) reason = "unspecified (::)";
        else if (allZeroButLast && b[15] == 1) reason = "loopback (::1)";
        else if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) reason = "link-local (fe80::/10)";
        else if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) reason = "site-local (fec0::/10)";
        else if ((b[0] & 0xfe) == 0xfc) reason = "unique local, which includes the EC2 metadata address fd00:ec2::254 (fc00::/7)";
        else if ((b[0] & 0xff) == 0xff) reason = "multicast (ff00::/8)";
        else if ((b[0] & 0xff) == 0x01 && b[1] == 0 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
            reason = "discard-only (100::/64)";
        }
        return Optional.ofNullable(reason).map(r -> address + " is " + r);
    }

    /** The IPv4 address inside ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d or 2002:aabb:ccdd::/48. */
    private static Optional<byte[]> embeddedIpv4(byte[] b) {
        boolean first10Zero = true;
        for (int i = 0; i < 10; i++) first10Zero &= b[i] == 0;
        boolean mapped = first10Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = first10Zero && b[10] == 0 && b[11] == 0 && ((b[12] | b[13]) != 0 || (b[14] & 0xff) > 1);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && isZero(b, 4, 12);
        if (mapped || compatible || nat64) return Optional.of(new byte[] {b[12], b[13], b[14], b[15]});
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) return Optional.of(new byte[] {b[2], b[3], b[4], b[5]});
        return Optional.empty();
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }

    static boolean isIpv4(InetAddress address) {
        return address instanceof Inet4Address;
    }
}
