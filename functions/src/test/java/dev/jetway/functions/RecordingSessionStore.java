package dev.jetway.functions;

import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.core.mcp.Session;
import dev.jetway.core.mcp.SessionStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory session store that remembers every write, to show what a code path wrote. */
final class RecordingSessionStore implements SessionStore {

    private final SessionStore sessions = new InMemorySessionStore();
    final List<String> writes = new CopyOnWriteArrayList<>();

    @Override
    public void put(Session session) {
        writes.add("put " + session.id());
        sessions.put(session);
    }

    @Override
    public Optional<Session> find(String id) {
        return sessions.find(id);
    }

    @Override
    public boolean remove(String id) {
        writes.add("remove " + id);
        return sessions.remove(id);
    }
}
