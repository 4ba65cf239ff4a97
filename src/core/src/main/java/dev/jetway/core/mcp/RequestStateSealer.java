package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the {@code requestState} of an InputRequiredResult with AES-256-GCM, so a client can hold
 * it but neither read nor alter it: a changed byte fails the tag check on the retry. The key is
 * 32 bytes from {@value #KEY_VARIABLE} (base64); every instance behind one endpoint (all Lambda
 * instances) must share it. Without it, a key is generated on first use, which suits one local
 * process only: its states do not open in another process or after a restart.
 */
public final class RequestStateSealer {

    public static final String KEY_VARIABLE = "JETWAY_REQUEST_STATE_KEY";
    private static final String PREFIX = "jw1.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "jetway request state v1".getBytes(StandardCharsets.UTF_8);

    private final SecureRandom random = new SecureRandom();
    private final SecretKey key;

    public RequestStateSealer(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException(KEY_VARIABLE + " must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** The configured key, or a new random one when the variable is unset. */
    public static RequestStateSealer fromEnvironment(Function<String, String> environment) {
        String configured = environment.apply(KEY_VARIABLE);
        if (configured == null || configured.isBlank()) {
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            return new RequestStateSealer(generated);
        }
        try {
            return new RequestStateSealer(Base64.getDecoder().decode(configured.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_VARIABLE + " is not valid base64 of 32 bytes: " + e.getMessage(), e);
        }
    }

    public String seal(ObjectNode payload) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(CONTEXT);
            byte[] sealed = cipher.doFinal(Json.write(payload).getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    /** The payload, or empty when the text was not sealed with this key or was altered. */
    public Optional<ObjectNode> open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) return Optional.empty();
        try {
            byte[] in = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
            if (in.length <= IV_BYTES) return Optional.empty();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(CONTEXT);
            byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
            JsonNode payload = Json.MAPPER.readTree(plain);
            return payload instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IllegalArgumentException | GeneralSecurityException | java.io.IOException e) {
            return Optional.empty();
        }
    }
}
