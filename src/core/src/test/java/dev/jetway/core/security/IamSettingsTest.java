package dev.jetway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IamSettingsTest {

    final IamSettings iam = new IamSettings(List.of(
            new IamSettings.Principal("arn:aws:sts::123456789012:assumed-role/agents/*", Set.of("agents")),
            new IamSettings.Principal("arn:aws:sts::123456789012:assumed-role/agents/release-?", Set.of("releaser")),
            new IamSettings.Principal("arn:aws:iam::123456789012:user/ops", Set.of("admin"))));

    @Test
    void a_role_session_gets_the_roles_of_every_pattern_it_matches() {
        Caller caller = iam.caller(new IamPrincipal("arn:aws:sts::123456789012:assumed-role/agents/release-1", "123456789012"));

        assertThat(caller.subject()).isEqualTo("iam:arn:aws:sts::123456789012:assumed-role/agents/release-1");
        assertThat(caller.roles()).containsExactlyInAnyOrder("agents", "releaser");
        assertThat(caller.scopes()).isEmpty();
    }

    @Test
    void patterns_match_the_whole_arn_literally_apart_from_the_wildcards() {
        assertThat(iam.caller(new IamPrincipal("arn:aws:iam::123456789012:user/ops-intern", "123456789012")).roles()).isEmpty();
        assertThat(iam.caller(new IamPrincipal("arn:aws:sts::999999999999:assumed-role/agents/x", "999999999999")).roles()).isEmpty();
        assertThat(iam.caller(new IamPrincipal("arn:aws:sts::123456789012:assumed-role/agentsX/y", "123456789012")).roles()).isEmpty();
    }
}
