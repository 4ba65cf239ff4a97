package dev.jetway.core.mcp;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Sliding expiry of sessions. A session ends {@link #idleTtl} after its last refresh; a request
 * refreshes it only when the last refresh is at least {@link #refreshInterval} old, so a busy
 * session costs one store write per interval, not one per request. The price is that a session
 * may end up to one interval earlier than {@code idleTtl} after its very last request.
 *
 * @param idleTtl how long a session lives without requests
 * @param refreshInterval the shortest time between two writes of a session's expiry
 */
public record SessionExpiry(Duration idleTtl, Duration refreshInterval) {

    /** The refresh interval unless a tenth of the idle TTL is shorter. */
    public static final Duration MAX_REFRESH_INTERVAL = Duration.ofMinutes(5);

    public SessionExpiry {
        Objects.requireNonNull(idleTtl, "idleTtl");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (idleTtl.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("idleTtl must be at least 1 s");
        if (refreshInterval.isNegative() || refreshInterval.compareTo(idleTtl) >= 0) {
            throw new IllegalArgumentException("refreshInterval must be >= 0 and shorter than idleTtl");
        }
    }

    /** Refreshes at most every 5 minutes, or every tenth of the idle TTL when that is shorter. */
    public static SessionExpiry idleAfter(Duration idleTtl) {
        Duration tenth = idleTtl.dividedBy(10);
        return new SessionExpiry(idleTtl, tenth.compareTo(MAX_REFRESH_INTERVAL) < 0 ? tenth : MAX_REFRESH_INTERVAL);
    }

    public Instant expiresAt(Instant now) {
        return now.plus(idleTtl);
    }

    /** True when a request at {@code now} should write the session's new expiry. */
    public boolean needsRefresh(Session session, Instant now) {
        return !now.isBefore(session.refreshedAt().plus(refreshInterval));
    }
}
