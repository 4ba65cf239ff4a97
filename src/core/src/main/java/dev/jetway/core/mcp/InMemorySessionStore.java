package dev.jetway.core.mcp;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions in this JVM only: right for local mode and tests, wrong behind a load balancer.
 * Expired sessions are dropped when they are next looked at.
 */
public final class InMemorySessionStore implements SessionStore {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public void put(Session session) {
        sessions.put(session.id(), session);
    }

    @Override
    public Optional<Session> find(String id, Instant now) {
        Session session = sessions.get(id);
        if (session == null) return Optional.empty();
        if (session.isExpiredAt(now)) {
            sessions.remove(id, session);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    @Override
    public boolean replace(Session session) {
        Session replaced = sessions.computeIfPresent(session.id(),
                (id, current) -> current.isExpiredAt(session.refreshedAt()) ? null : session);
        return replaced != null;
    }

    @Override
    public boolean remove(String id, Instant now) {
        Session removed = sessions.remove(id);
        return removed != null && !removed.isExpiredAt(now);
    }

    /** How many sessions this store holds in memory, expired ones not yet dropped included. */
    public int size() {
        return sessions.size();
    }
}
