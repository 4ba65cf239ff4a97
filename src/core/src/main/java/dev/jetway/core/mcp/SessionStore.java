package dev.jetway.core.mcp;

import java.time.Instant;
import java.util.Optional;

/**
 * Where session-era sessions live between requests. Any front-door instance must find a session
 * that another instance created, so production implementations are shared (DynamoDB with a TTL).
 * A session past its {@link Session#expiresAt} is gone for every method, whether or not the store
 * has physically deleted it yet.
 */
public interface SessionStore {

    /** Stores a new session, or replaces one unconditionally. */
    void put(Session session);

    /** The session, unless it never existed, was removed, or has expired by {@code now}. */
    Optional<Session> find(String id, Instant now);

    /**
     * Replaces a session that still exists and has not expired by {@code session.refreshedAt()};
     * never brings back a removed or expired one.
     *
     * @return false when the session is gone
     */
    boolean replace(Session session);

    /** Ends a session; false when there was none (or it had already expired). */
    boolean remove(String id, Instant now);
}
