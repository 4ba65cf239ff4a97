package dev.jetway.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.json.Json;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestStateSealerTest {

    private final RequestStateSealer sealer = new RequestStateSealer(new byte[32]);

    @Test
    void aSealedStateOpensToItsPayloadAndTwoSealsOfOnePayloadDiffer() {
        String first = sealer.seal(Json.object().put("c", "x"));
        String second = sealer.seal(Json.object().put("c", "x"));

        assertThat(sealer.open(first)).get().extracting(s -> s.get("c").asText()).isEqualTo("x");
        assertThat(first).as("a fresh nonce per seal").isNotEqualTo(second);
        assertThat(first).as("the payload is not readable").doesNotContain("\"c\"");
    }

    @Test
    void anAlteredStateOrOneSealedWithAnotherKeyDoesNotOpen() {
        String sealed = sealer.seal(Json.object().put("c", "x"));
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;

        assertThat(sealer.open(sealed + "-TAMPERED")).isEmpty();
        assertThat(sealer.open(flipOneCharacter(sealed))).isEmpty();
        assertThat(new RequestStateSealer(otherKey).open(sealed)).isEmpty();
        assertThat(sealer.open("not a state")).isEmpty();
    }

    /** Changes a character in the middle (the last one may only carry padding bits). */
    static String flipOneCharacter(String sealed) {
        int at = sealed.length() / 2;
        return sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);
    }

    @Test
    void theKeyComesFromTheEnvironmentAndAWrongOneIsRefusedWithTheVariableNamed() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        String sealed = RequestStateSealer.fromEnvironment(Map.of(RequestStateSealer.KEY_VARIABLE, key)::get)
                .seal(Json.object().put("c", "x"));

        assertThat(sealer.open(sealed)).as("same key, same result on another instance").isPresent();
        assertThatThrownBy(() -> RequestStateSealer.fromEnvironment(Map.of(RequestStateSealer.KEY_VARIABLE, "c2hvcnQ=")::get))
                .hasMessageContaining(RequestStateSealer.KEY_VARIABLE);
    }
}
