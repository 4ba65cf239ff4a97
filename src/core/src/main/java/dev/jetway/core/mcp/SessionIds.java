package dev.jetway.core.mcp;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ids: 32 random bytes from a {@link SecureRandom}, base64url without padding, so they
 * are visible ASCII as the spec requires and cannot be guessed. The generator is created on first
 * use, not at class init, so a SnapStart snapshot holds no random state to be cloned.
 */
public final class SessionIds {

    private SessionIds() {}

    private static final class Holder {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    public static String next() {
        byte[] bytes = new byte[32];
        Holder.RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Visible ASCII (0x21 to 0x7E), at most 256 characters. */
    public static boolean isWellFormed(String id) {
        if (id == null || id.isEmpty() || id.length() > 256) return false;
        return id.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }
}
