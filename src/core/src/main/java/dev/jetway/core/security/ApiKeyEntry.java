package dev.jetway.core.security;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * One API key as stored: never the key, only the SHA-256 of it, with the name and roles it grants.
 *
 * @param revoked a revoked key is refused like an unknown one (keep the entry to remember it)
 */
public record ApiKeyEntry(String name, String sha256, Set<String> roles, boolean revoked) {

    public ApiKeyEntry {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("api key name '" + name + "' must be letters, digits, '.', '_' or '-'");
        }
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("api key '" + name + "': sha256 must be 64 lowercase hex digits "
                    + "(the line printed by the ApiKeys create command)");
        }
        roles = Set.copyOf(roles);
    }

    byte[] digest() {
        return HexFormat.of().parseHex(sha256);
    }
}
