package dev.jetway.core.mcp;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in this JVM only: right for local mode and tests, wrong behind a load balancer. */
public final class InMemorySessionStore implements SessionStore {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public void put(Session session) {
        sessions.put(session.id(), session);
    }

    @Override
    public Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public boolean remove(String id) {
        return sessions.remove(id) != null;
    }
}
