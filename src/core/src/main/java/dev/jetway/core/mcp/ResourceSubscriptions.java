package dev.jetway.core.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which session-era sessions subscribed to which client-visible resource URI. The provider holds
 * one subscription per URI for all of them (the gateway has one session with it), so it is
 * unsubscribed only when the last client session lets go. Kept in this instance's memory, like
 * the event streams that the updates are delivered on.
 */
final class ResourceSubscriptions {

    private final Map<String, Set<String>> sessionsByUri = new ConcurrentHashMap<>();

    void subscribe(String sessionId, String uri) {
        sessionsByUri.computeIfAbsent(uri, k -> ConcurrentHashMap.newKeySet()).add(sessionId);
    }

    /** Removes one subscription; true when another session still holds the URI. */
    boolean unsubscribeAndCheckOthers(String sessionId, String uri) {
        boolean[] othersRemain = {false};
        sessionsByUri.computeIfPresent(uri, (k, sessions) -> {
            sessions.remove(sessionId);
            othersRemain[0] = !sessions.isEmpty();
            return sessions.isEmpty() ? null : sessions;
        });
        return othersRemain[0];
    }

    /** Drops every subscription of an ended session; returns the URIs nobody holds any more. */
    List<String> endSession(String sessionId) {
        List<String> released = new ArrayList<>();
        for (String uri : List.copyOf(sessionsByUri.keySet())) {
            Set<String> sessions = sessionsByUri.get(uri);
            if (sessions != null && sessions.contains(sessionId) && !unsubscribeAndCheckOthers(sessionId, uri)) {
                released.add(uri);
            }
        }
        return released;
    }

    /**
     * Whether the session subscribed to this URI, or to one it lies under (an update may name a
     * sub-resource of the subscribed one).
     */
    boolean wants(String sessionId, String updatedUri) {
        for (Map.Entry<String, Set<String>> entry : sessionsByUri.entrySet()) {
            String subscribed = entry.getKey();
            boolean covers = updatedUri.equals(subscribed)
                    || (updatedUri.startsWith(subscribed) && subscribed.endsWith("/"))
                    || updatedUri.startsWith(subscribed + "/");
            if (covers && entry.getValue().contains(sessionId)) return true;
        }
        return false;
    }
}
