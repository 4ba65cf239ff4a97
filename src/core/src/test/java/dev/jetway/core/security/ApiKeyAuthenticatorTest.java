package dev.jetway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.mcp.HttpHeaders;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {

    private final SecureRandom random = new SecureRandom();
    private final ApiKeyAuthenticator.NewKey ci = ApiKeyAuthenticator.generate("ci", Set.of("reader"), random);
    private final ApiKeyAuthenticator.NewKey old = ApiKeyAuthenticator.generate("old", Set.of("admin"), random);
    private final List<Caller> callers = new ArrayList<>();
    private final SecuredEndpoint edge = new SecuredEndpoint((request, caller) -> {
        callers.add(caller);
        return new FrontDoorResponse.Complete(200, Map.of(), new byte[0]);
    }, new EdgeAuthenticator(null, new ApiKeyAuthenticator(List.of(ci.entry(),
            new ApiKeyEntry("old", old.entry().sha256(), Set.of("admin"), true)))), null);

    private int post(String authorization) {
        HttpHeaders headers = authorization == null ? HttpHeaders.of() : HttpHeaders.of("Authorization", authorization);
        return edge.handle(new FrontDoorRequest("POST", "/mcp", headers, null)).status();
    }

    @Test
    void a_new_key_has_the_visible_prefix_and_256_random_bits_and_its_entry_holds_only_the_hash() {
        assertThat(ci.key()).startsWith("jw_").hasSize(3 + 43);
        assertThat(ci.entry().sha256()).hasSize(64).isEqualTo(ApiKeyAuthenticator.sha256Hex(ci.key()));
        assertThat(ci.entry().toString()).doesNotContain(ci.key().substring(3));
        assertThat(ApiKeyAuthenticator.generate("x", Set.of(), random).key()).isNotEqualTo(ci.key());
    }

    @Test
    void a_known_key_reaches_the_front_door_as_a_caller_with_the_keys_name_and_roles() {
        assertThat(post("Bearer " + ci.key())).isEqualTo(200);
        assertThat(callers).containsExactly(new Caller("key:ci", Set.of("reader"), Set.of()));
    }

    @Test
    void a_revoked_key_is_refused() {
        assertThat(post("Bearer " + old.key())).isEqualTo(401);
        assertThat(callers).isEmpty();
    }

    @Test
    void an_unknown_key_a_key_with_one_character_changed_and_no_key_are_refused() {
        char last = ci.key().charAt(ci.key().length() - 1);
        String altered = ci.key().substring(0, ci.key().length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(post("Bearer jw_" + "x".repeat(43))).isEqualTo(401);
        assertThat(post("Bearer " + altered)).isEqualTo(401);
        assertThat(post(null)).isEqualTo(401);
        assertThat(post("Basic " + ci.key())).as("only the Bearer scheme carries keys").isEqualTo(401);
        assertThat(callers).isEmpty();
    }

    @Test
    void a_jwt_is_refused_where_only_api_keys_are_configured() {
        FrontDoorResponse response = edge.handle(new FrontDoorRequest("POST", "/mcp",
                HttpHeaders.of("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"), null));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().get("WWW-Authenticate")).contains("invalid_token");
    }
}
