package dev.jetway.core.security;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Host names whose addresses were checked, with those addresses, for a while. {@link
 * PinningResolverProvider} answers the JVM's own lookups from here, so the HTTP client connects to
 * exactly the addresses {@link RemoteDestinationGuard} checked, even if DNS now answers otherwise
 * (DNS rebinding between check and connect).
 */
public final class PinnedAddresses {

    /** The table the JVM-wide resolver reads; the guard writes to it. */
    public static final PinnedAddresses SHARED = new PinnedAddresses(Clock.systemUTC(), Duration.ofMinutes(10));

    private record Pin(List<InetAddress> addresses, Instant until) {}

    private final Map<String, Pin> pins = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;

    public PinnedAddresses(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    public void pin(String host, List<InetAddress> addresses) {
        pins.put(host.toLowerCase(Locale.ROOT), new Pin(List.copyOf(addresses), clock.instant().plus(ttl)));
    }

    /** The checked addresses of the host, if it was checked within the pin's lifetime. */
    public Optional<List<InetAddress>> lookup(String host) {
        String key = host.toLowerCase(Locale.ROOT);
        Pin pin = pins.get(key);
        if (pin == null) return Optional.empty();
        if (clock.instant().isAfter(pin.until())) {
            pins.remove(key, pin);
            return Optional.empty();
        }
        return Optional.of(pin.addresses());
    }
}
