package dev.jetway.core.mcp;

import dev.jetway.core.config.SessionLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions in this JVM only: right for local mode and tests, wrong behind a load balancer. It holds
 * at most {@link SessionLimits#maxSessions} sessions and at most
 * {@link SessionLimits#maxSessionsPerCaller} of one owner: a new session beyond either is refused
 * with a {@link SessionLimitException}, the caller's limit checked first. An expired session is gone
 * for every method at once, and leaves memory when it is next looked at, when {@link #sweepExpired}
 * runs (the runtime calls it on a timer) or when a limit is reached.
 *
 * <p>Reads take no lock; every change takes this store's lock, so that the counts a limit is checked
 * against and the sessions stored never disagree.
 */
public final class InMemorySessionStore implements SessionStore {

    private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /** The ids of each owner's sessions; changed only under this store's lock. */
    private final Map<String, Set<String>> idsByOwner = new HashMap<>();
    private final int maxSessions;
    private final int maxSessionsPerCaller;

    /** With the default limits. */
    public InMemorySessionStore() {
        this(SessionLimits.defaults());
    }

    public InMemorySessionStore(SessionLimits limits) {
        this.maxSessions = limits.maxSessions();
        this.maxSessionsPerCaller = limits.maxSessionsPerCaller();
    }

    /**
     * @throws SessionLimitException when the session is new (or changes owner) and its owner, or the
     *     store, already holds as many live sessions as it may
     */
    @Override
    public synchronized void put(Session session) {
        Instant now = session.refreshedAt();
        Session previous = sessions.get(session.id());
        if (previous == null || !previous.owner().equals(session.owner())) requireRoomFor(session.owner(), now);
        if (previous == null) requireRoomInTotal(now);
        if (previous != null) unindex(previous);
        sessions.put(session.id(), session);
        idsByOwner.computeIfAbsent(session.owner(), owner -> new LinkedHashSet<>()).add(session.id());
    }

    @Override
    public Optional<Session> find(String id, Instant now) {
        Session session = sessions.get(id);
        if (session == null) return Optional.empty();
        if (session.isExpiredAt(now)) {
            drop(session);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    @Override
    public synchronized boolean replace(Session session) {
        Session current = sessions.get(session.id());
        if (current == null) return false;
        if (current.isExpiredAt(session.refreshedAt())) {
            drop(current);
            return false;
        }
        unindex(current);
        sessions.put(session.id(), session);
        idsByOwner.computeIfAbsent(session.owner(), owner -> new LinkedHashSet<>()).add(session.id());
        return true;
    }

    @Override
    public synchronized boolean remove(String id, Instant now) {
        Session removed = sessions.remove(id);
        if (removed == null) return false;
        unindex(removed);
        return !removed.isExpiredAt(now);
    }

    /**
     * Drops every session expired by {@code now}, whether or not anyone asked for it since.
     *
     * @return the ids of the dropped sessions, so that what else was kept for them can go too
     */
    public synchronized List<String> sweepExpired(Instant now) {
        List<Session> expired = new ArrayList<>();
        for (Session session : sessions.values()) if (session.isExpiredAt(now)) expired.add(session);
        expired.forEach(this::drop);
        return expired.stream().map(Session::id).toList();
    }

    /** How many sessions this store holds in memory, expired ones not yet dropped included. */
    public int size() {
        return sessions.size();
    }

    private void requireRoomFor(String owner, Instant now) {
        Set<String> ids = idsByOwner.getOrDefault(owner, Set.of());
        if (ids.size() < maxSessionsPerCaller) return;
        for (String id : List.copyOf(ids)) {
            Session session = sessions.get(id);
            if (session != null && session.isExpiredAt(now)) drop(session);
        }
        Set<String> live = idsByOwner.getOrDefault(owner, Set.of());
        if (live.size() < maxSessionsPerCaller) return;
        throw new SessionLimitException(SessionLimitException.Scope.CALLER, maxSessionsPerCaller,
                SessionLimits.MAX_SESSIONS_PER_CALLER_KEY, untilFirstExpiry(live.stream().map(sessions::get).toList(), now));
    }

    private void requireRoomInTotal(Instant now) {
        if (sessions.size() < maxSessions) return;
        sweepExpired(now);
        if (sessions.size() < maxSessions) return;
        throw new SessionLimitException(SessionLimitException.Scope.GATEWAY, maxSessions, SessionLimits.MAX_SESSIONS_KEY,
                untilFirstExpiry(sessions.values(), now));
    }

    private static Duration untilFirstExpiry(Collection<Session> held, Instant now) {
        Instant first = held.stream().filter(s -> s != null).map(Session::expiresAt).min(Instant::compareTo).orElse(now);
        Duration wait = Duration.between(now, first);
        return wait.compareTo(MIN_RETRY_AFTER) < 0 ? MIN_RETRY_AFTER : wait;
    }

    /** Removes this very session (not a newer one stored under its id since). */
    private synchronized void drop(Session session) {
        if (sessions.remove(session.id(), session)) unindex(session);
    }

    private void unindex(Session session) {
        Set<String> ids = idsByOwner.get(session.owner());
        if (ids == null) return;
        ids.remove(session.id());
        if (ids.isEmpty()) idsByOwner.remove(session.owner());
    }
}
