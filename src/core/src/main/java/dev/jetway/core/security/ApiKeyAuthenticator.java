package dev.jetway.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * API keys for setups without an authorization server. A key is {@code jw_} followed by 256
 * random bits (base64url), so it is recognisable in a leak and by secret scanners. Only its
 * SHA-256 is stored. A fast hash is right here, unlike for passwords: bcrypt and argon2 slow
 * down guessing of low-entropy secrets, but nobody can enumerate 2^256 keys at any hash speed,
 * and a slow hash would cost every request tens of milliseconds.
 *
 * <p>The presented key's hash is compared with every stored hash in constant time
 * ({@link MessageDigest#isEqual}), without stopping at the first match, so that the time taken
 * tells nothing about which or how many bytes matched.
 */
public final class ApiKeyAuthenticator implements Authenticator {

    public static final String PREFIX = "jw_";
    private static final int KEY_BYTES = 32;
    private static final int MAX_KEY_CHARS = 256;

    private final List<ApiKeyEntry> entries;

    public ApiKeyAuthenticator(List<ApiKeyEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A new key and the entry to store for it; the key itself is shown once and never stored. */
    public record NewKey(String key, ApiKeyEntry entry) {}

    public static NewKey generate(String name, java.util.Set<String> roles, SecureRandom random) {
        byte[] secret = new byte[KEY_BYTES];
        random.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new NewKey(key, new ApiKeyEntry(name, sha256Hex(key), roles, false));
    }

    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    public static boolean looksLikeApiKey(String token) {
        return token.startsWith(PREFIX);
    }

    @Override
    public Caller authenticate(String bearerToken) {
        if (!looksLikeApiKey(bearerToken) || bearerToken.length() > MAX_KEY_CHARS) {
            throw AuthenticationException.invalidToken("not an API key of this gateway");
        }
        byte[] presented = sha256(bearerToken);
        ApiKeyEntry match = null;
        for (ApiKeyEntry entry : entries) {
            if (MessageDigest.isEqual(presented, entry.digest()) && match == null) match = entry;
        }
        if (match == null || match.revoked()) throw AuthenticationException.invalidToken("unknown or revoked API key");
        return new Caller("key:" + match.name(), match.roles(), java.util.Set.of());
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
