package dev.jetway.core.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a host as an IP literal the way C resolvers do ({@code inet_aton}): besides dotted decimal,
 * one to four parts, each decimal, octal ({@code 0177}) or hex ({@code 0x7f}), the last part filling
 * the remaining bytes, so {@code 2130706433}, {@code 0x7f.1} and {@code 0177.0.0.1} all mean
 * 127.0.0.1. Checking a URL's host as it will really be resolved closes the trick of spelling a
 * forbidden address in a form a naive check does not recognise. IPv6 literals may be bracketed.
 */
final class IpLiterals {

    private IpLiterals() {}

    static Optional<InetAddress> parse(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (h.endsWith(".") && !h.endsWith("..")) h = h.substring(0, h.length() - 1);
        if (h.contains(":")) return ipv6(h);
        return ipv4(h);
    }

    private static Optional<InetAddress> ipv6(String h) {
        int zone = h.indexOf('%');
        String plain = zone < 0 ? h : h.substring(0, zone);
        if (!plain.matches("[0-9a-f:.]+")) return Optional.empty();
        try {
            // A literal with only hex digits, ':' and '.' never reaches DNS.
            return Optional.of(InetAddress.getByName(plain));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> ipv4(String h) {
        if (h.isEmpty()) return Optional.empty();
        String[] parts = h.split("\\.", -1);
        if (parts.length > 4) return Optional.empty();
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long v = number(parts[i]);
            if (v == null) return Optional.empty();
            values[i] = v;
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) return Optional.empty();
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        int lastBytes = 5 - parts.length;
        if (last >= (1L << (8 * lastBytes))) return Optional.empty();
        address |= last;
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Long number(String part) {
        if (part.isEmpty() || part.length() > 12) return null;
        try {
            if (part.startsWith("0x")) {
                String hex = part.substring(2);
                if (!hex.matches("[0-9a-f]*")) return null;
                return hex.isEmpty() ? 0L : Long.parseLong(hex, 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return part.matches("[0-7]+") ? Long.parseLong(part, 8) : null;
            }
            return part.matches("[0-9]+") ? Long.parseLong(part) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
