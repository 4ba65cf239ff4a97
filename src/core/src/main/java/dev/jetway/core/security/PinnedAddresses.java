package dev.jetway.core.security;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Host names that {@link RemoteDestinationGuard} approved, with the addresses it approved. {@link
 * PinningResolverProvider} answers the JVM's own lookups from here, so the HTTP client connects to
 * exactly the addresses the guard checked, even if DNS now answers otherwise (DNS rebinding).
 *
 * <p>A pin lasts a while so that a provider may move; once it has expired, the host's next lookup
 * goes through the pin's {@link Recheck} (resolve again, check again) and never straight to DNS. A
 * host once guarded stays guarded while the process lives.
 */
public final class PinnedAddresses {

    /** The table the JVM-wide resolver reads; the guard writes to it. */
    public static final PinnedAddresses SHARED = new PinnedAddresses();

    /** Approves a host's addresses anew once its pin has expired. */
    @FunctionalInterface
    public interface Recheck {
        /**
         * Resolves the host again, checks every address of the answer and pins it.
         *
         * @throws ForbiddenDestinationException when the answer does not resolve or is refused
         */
        List<InetAddress> recheck(String host);
    }

    /** Addresses checked for a host, good until {@code until} on {@code clock}; after that, {@code recheck} decides. */
    public record Pin(List<InetAddress> addresses, Instant until, Clock clock, Recheck recheck) {
        public Pin {
            addresses = List.copyOf(addresses);
            if (addresses.isEmpty()) throw new IllegalArgumentException("a pin needs at least one address");
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(recheck, "recheck");
        }

        boolean isFresh() {
            return !clock.instant().isAfter(until);
        }
    }

    private final Map<String, Pin> pins = new ConcurrentHashMap<>();

    public void pin(String host, Pin pin) {
        pins.put(key(host), pin);
    }

    /** Whether a guard ever approved the host: its lookups are then answered from here, never by DNS alone. */
    public boolean isGuarded(String host) {
        return pins.containsKey(key(host));
    }

    /** Whether the host has a pin within its lifetime: a map read and a clock read, no DNS. */
    public boolean isFresh(String host) {
        Pin pin = pins.get(key(host));
        return pin != null && pin.isFresh();
    }

    /**
     * The approved addresses of a guarded host: the pin's while it is fresh, else what its {@link
     * Recheck} approves now. Empty only for a host that no guard ever approved.
     *
     * @throws ForbiddenDestinationException when the pin has expired and the new answer is refused
     */
    public Optional<List<InetAddress>> lookup(String host) {
        Pin pin = pins.get(key(host));
        if (pin == null) return Optional.empty();
        if (pin.isFresh()) return Optional.of(pin.addresses());
        return Optional.of(pin.recheck().recheck(host));
    }

    private static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }
}
