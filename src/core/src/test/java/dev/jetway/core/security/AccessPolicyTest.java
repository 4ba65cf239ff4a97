package dev.jetway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    final AccessPolicy policy = new AccessPolicy(null, Map.of(
            "reader", List.of("fs+file:///public/*", "everything__echo"),
            "all", List.of("*")), Map.of());
    final Caller reader = new Caller("key:reader", Set.of("reader"), Set.of());
    final Caller all = new Caller("key:all", Set.of("all"), Set.of());

    @Test
    void a_uri_under_an_allowed_prefix_is_permitted() {
        assertThat(policy.permits(reader, "fs+file:///public/report.txt")).isTrue();
        assertThat(policy.permits(reader, "fs+file:///public/a/./b.txt")).isTrue();
        assertThat(policy.permits(reader, "fs+file:///public/a/../b.txt")).isTrue();
        assertThat(policy.permits(reader, "everything__echo")).isTrue();
    }

    @Test
    void dot_segments_cannot_climb_out_of_an_allowed_prefix_however_they_are_spelt() {
        for (String escape : List.of("fs+file:///public/../etc/passwd", "fs+file:///public/%2e%2e/etc/passwd",
                "fs+file:///public/%2E%2E%2Fetc/passwd", "fs+file:///public/./../../etc/passwd", "fs+file:///public/..")) {
            assertThat(policy.permits(reader, escape)).as(escape).isFalse();
        }
    }

    @Test
    void a_caller_allowed_everything_keeps_every_name_however_it_is_spelt() {
        assertThat(policy.permits(all, "fs+file:///public/../etc/passwd")).isTrue();
        assertThat(policy.permits(all, "everything__echo")).isTrue();
    }

    @Test
    void resolving_dot_segments_leaves_the_scheme_and_authority_alone() {
        assertThat(AccessPolicy.withoutDotSegments("fs+file:///a/b/../c")).isEqualTo("fs+file:///a/c");
        assertThat(AccessPolicy.withoutDotSegments("web+https://host/../../x")).isEqualTo("web+https://host/x");
        assertThat(AccessPolicy.withoutDotSegments("everything__get-sum")).isEqualTo("everything__get-sum");
        assertThat(AccessPolicy.withoutDotSegments("everything+test://static/1")).isEqualTo("everything+test://static/1");
    }
}
