package dev.jetway.core.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BindPolicyTest {

    private static final SecuritySettings OPEN = SecuritySettings.defaults();

    @Test
    void loopback_addresses_need_no_authentication() {
        for (String host : List.of("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost", "LOCALHOST")) {
            assertThatCode(() -> BindPolicy.requireSafe(host, OPEN)).as(host).doesNotThrowAnyException();
        }
    }

    @Test
    void every_other_address_without_authentication_is_refused_with_the_reason_and_the_ways_out() {
        for (String host : List.of("0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "203.0.113.7")) {
            assertThatThrownBy(() -> BindPolicy.requireSafe(host, OPEN)).as(host)
                    .isInstanceOf(UnsafeBindException.class)
                    .hasMessageContaining("refusing to listen on " + host + " without authentication")
                    .hasMessageContaining("could call every provider")
                    .hasMessageContaining("security.allow_unauthenticated_non_loopback: true");
        }
    }

    @Test
    void api_keys_or_the_explicit_allowance_make_a_public_address_acceptable() {
        SecuritySettings keys = new SecuritySettings(null, List.of(new ApiKeyEntry("ci", "a".repeat(64), Set.of(), false)),
                false, null, null, null, null);
        SecuritySettings allowed = new SecuritySettings(null, null, true, null, null, null, null);

        assertThatCode(() -> BindPolicy.requireSafe("0.0.0.0", keys)).doesNotThrowAnyException();
        assertThatCode(() -> BindPolicy.requireSafe("0.0.0.0", allowed)).doesNotThrowAnyException();
    }
}
