package dev.jetway.core.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored version of what a provider listed for one method.
 *
 * @param number 1 for the first version of this provider and method, then +1 per new content
 * @param hash lower-case hex SHA-256 of the canonical JSON of {@code payload}
 * @param payload as {@link ListPayload} normalized it
 */
public record SchemaVersion(
        String provider, ListMethod method, int number, String hash, ObjectNode payload, int itemCount,
        Instant createdAt) {

    public SchemaVersion {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
        if (number < 1) throw new IllegalArgumentException("version numbers start at 1, got " + number);
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("hash must be 64 lower-case hex characters");
        }
        if (itemCount < 0) throw new IllegalArgumentException("itemCount must be >= 0");
        payload = payload.deepCopy();
    }

    /** The first 16 hex characters of the hash: the short id shown to people. */
    public String versionId() {
        return hash.substring(0, 16);
    }

    /** A copy of the payload; the record's own stays unchanged. */
    @Override
    public ObjectNode payload() {
        return payload.deepCopy();
    }

    /** The stream the version's event is written on: {@code schema#<provider>#<method>}. */
    public static String streamId(String provider, ListMethod method) {
        return "schema#" + provider + "#" + method.wireName();
    }
}
