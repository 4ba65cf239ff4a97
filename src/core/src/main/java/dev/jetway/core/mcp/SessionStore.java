package dev.jetway.core.mcp;

import java.util.Optional;

/**
 * Where session-era sessions live between requests. Any front-door instance must find a session
 * that another instance created, so production implementations are shared (DynamoDB with a TTL).
 */
public interface SessionStore {

    void put(Session session);

    Optional<Session> find(String id);

    /** Ends a session; false when there was none. */
    boolean remove(String id);
}
