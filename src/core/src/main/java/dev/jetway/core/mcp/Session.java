package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A session-era client session: everything the gateway must remember between requests, as plain
 * data, so that any front-door instance can continue a session another one started.
 *
 * @param id the {@code Mcp-Session-Id}
 * @param protocolVersion the version negotiated at initialize
 * @param clientInfoJson the client's {@code clientInfo} as it sent it, as JSON text ({@code {}} when
 *     it sent none); text, because a JSON tree of many small members can take ten times its size in memory
 * @param clientCapabilitiesJson the client's {@code capabilities} as it sent them, as JSON text
 *     ({@code {}} when none)
 * @param logLevel the level of the client's last {@code logging/setLevel}, or null
 * @param createdAt when initialize opened the session
 * @param refreshedAt when the session's expiry was last pushed forward (written at most once per
 *     refresh interval, see {@link SessionExpiry})
 * @param expiresAt when the session ends unless it is used again; whole seconds, because that is
 *     the precision of a DynamoDB TTL
 * @param owner the subject of the caller that initialized the session ({@code key:…}, {@code jwt:…},
 *     or {@value #ANONYMOUS_OWNER} where nobody is authenticated); only that caller may use it
 */
public record Session(String id, String protocolVersion, String clientInfoJson, String clientCapabilitiesJson,
                      String logLevel, Instant createdAt, Instant refreshedAt, Instant expiresAt, String owner) {

    /** The owner of sessions opened where nobody is authenticated (the subject of the anonymous caller). */
    public static final String ANONYMOUS_OWNER = "anonymous";

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(refreshedAt, "refreshedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(owner, "owner");
        if (owner.isBlank()) throw new IllegalArgumentException("owner must not be blank");
        if (!SessionIds.isWellFormed(id)) throw new IllegalArgumentException("malformed session id");
        clientInfoJson = objectText(clientInfoJson, "clientInfoJson");
        clientCapabilitiesJson = objectText(clientCapabilitiesJson, "clientCapabilitiesJson");
        expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * A new session of {@code owner}, opened now, that expires after the policy's idle time unless it
     * is used.
     */
    public static Session open(String id, String protocolVersion, ObjectNode clientInfo, ObjectNode clientCapabilities,
                               Instant now, SessionExpiry expiry, String owner) {
        return new Session(id, protocolVersion, clientInfo == null ? null : Json.write(clientInfo),
                clientCapabilities == null ? null : Json.write(clientCapabilities), null, now, now, expiry.expiresAt(now), owner);
    }

    /** Whether a request authenticated as {@code subject} may use this session: only its owner may. */
    public boolean isOwnedBy(String subject) {
        return owner.equals(subject);
    }

    /** The client's {@code clientInfo}, parsed anew on each call. */
    public ObjectNode clientInfo() {
        return (ObjectNode) Json.parse(clientInfoJson);
    }

    /** The client's {@code capabilities}, parsed anew on each call. */
    public ObjectNode clientCapabilities() {
        return (ObjectNode) Json.parse(clientCapabilitiesJson);
    }

    /** True from the second of {@link #expiresAt} on. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public Session withLogLevel(String level) {
        return new Session(id, protocolVersion, clientInfoJson, clientCapabilitiesJson, level, createdAt, refreshedAt, expiresAt, owner);
    }

    /** The same session, refreshed at {@code now} with a new expiry. */
    public Session refreshed(Instant now, Instant newExpiresAt) {
        return new Session(id, protocolVersion, clientInfoJson, clientCapabilitiesJson, logLevel, createdAt, now, newExpiresAt, owner);
    }

    private static String objectText(String json, String name) {
        if (json == null) return "{}";
        // A cheap shape check; the text was written by Json.write or read back from the store that wrote it.
        if (!json.startsWith("{") || !json.endsWith("}")) throw new IllegalArgumentException(name + " must be a JSON object");
        return json;
    }
}
