package dev.jetway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.domain.provider.GroupSpec;
import dev.jetway.core.domain.provider.GroupSpec.Member;
import org.junit.jupiter.api.Test;

/** `mode: group` providers: what a valid group reads as, and every way a group can be wrong. */
class GroupConfigTest {

    private static final String MEMBERS = """
            providers:
              primary: {mode: remote, url: https://a.example.com/mcp}
              backup: {mode: remote, url: https://b.example.com/mcp}
            """;

    private static GatewayConfig parse(String groupYaml) {
        return ConfigLoader.parse(MEMBERS + groupYaml, "jetway.yaml");
    }

    private static void assertRejected(String groupYaml, String keyPath, String message) {
        assertThatThrownBy(() -> parse(groupYaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.keyPath()).isEqualTo(keyPath))
                .hasMessageStartingWith("jetway.yaml: " + keyPath + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void aGroupReadsItsStrategyMembersWeightsPrioritiesAndMinHealthy() {
        GroupSpec group = parse("""
                  pool:
                    mode: group
                    strategy: priority
                    min_healthy: 2
                    members:
                      - name: primary
                        weight: 3
                        priority: 0
                      - id: backup
                        priority: 1
                """).providers().get("pool").group();

        assertThat(group.strategy()).isEqualTo(GroupSpec.Strategy.PRIORITY);
        assertThat(group.minHealthy()).isEqualTo(2);
        assertThat(group.members()).containsExactly(new Member("primary", 3, 0), new Member("backup", 1, 1));
    }

    @Test
    void pinningAGroupItselfIsRefusedInFavourOfPinningItsMembers() {
        assertRejected("""
                  pool: {mode: group, members: [{name: primary}, {name: backup}]}
                security:
                  providers:
                    primary: {pin: pin}
                    pool: {pin: pin}
                """, "security.providers.pool.pin", "'pool' is a group, which is not pinned itself (its tools are held"
                + " while a member holds them); set pin on its members [primary, backup] instead");
    }

    @Test
    void strategyDefaultsToRoundRobinAndMinHealthyToOne() {
        GroupSpec group = parse("""
                  pool: {mode: group, members: [{name: primary}, {name: backup}]}
                """).providers().get("pool").group();

        assertThat(group.strategy()).isEqualTo(GroupSpec.Strategy.ROUND_ROBIN);
        assertThat(group.minHealthy()).isEqualTo(1);
        assertThat(group.members()).extracting(Member::weight).containsExactly(1, 1);
    }

    @Test
    void aMemberMayBeDeclaredAfterItsGroup() {
        GatewayConfig config = ConfigLoader.parse("""
                providers:
                  pool: {mode: group, members: [{name: late}]}
                  late: {mode: remote, url: https://late.example.com/mcp}
                """, "jetway.yaml");

        assertThat(config.providers().get("pool").group().memberNames()).containsExactly("late");
    }

    @Test
    void anUnknownMemberIsNamedWithTheProvidersThatExist() {
        assertRejected("""
                  pool: {mode: group, members: [{name: primary}, {name: primry}]}
                """, "providers.pool.members[1].name",
                "unknown provider 'primry'; expected one of the providers in this file: [primary, backup]");
    }

    @Test
    void aGroupCannotContainItself() {
        assertRejected("""
                  pool: {mode: group, members: [{name: primary}, {name: pool}]}
                """, "providers.pool.members[1].name", "group 'pool' cannot contain itself");
    }

    @Test
    void aGroupCannotContainAnotherGroup() {
        assertRejected("""
                  inner: {mode: group, members: [{name: primary}]}
                  outer: {mode: group, members: [{name: inner}, {name: backup}]}
                """, "providers.outer.members[0].name", "member 'inner' is itself a group");
    }

    @Test
    void aWeightBelowOneIsRejected() {
        assertRejected("""
                  pool: {mode: group, strategy: weighted_round_robin, members: [{name: primary, weight: 0}]}
                """, "providers.pool.members[0].weight", "expected a whole number >= 1 but found the number 0");
        assertRejected("""
                  pool: {mode: group, members: [{name: primary, weight: -2}]}
                """, "providers.pool.members[0].weight", "expected a whole number >= 0 but found the number -2");
    }

    @Test
    void minHealthyMustBeBetweenOneAndTheNumberOfMembers() {
        assertRejected("""
                  pool: {mode: group, min_healthy: 3, members: [{name: primary}, {name: backup}]}
                """, "providers.pool.min_healthy", "a whole number from 1 to the number of members (2) but found the number 3");
        assertRejected("""
                  pool: {mode: group, min_healthy: 0, members: [{name: primary}]}
                """, "providers.pool.min_healthy", "but found the number 0");
    }

    @Test
    void aGroupWithoutMembersIsRejected() {
        assertRejected("""
                  pool: {mode: group, strategy: random}
                """, "providers.pool.members", "missing; a group needs a list of members");
        assertRejected("""
                  pool: {mode: group, members: []}
                """, "providers.pool.members", "empty; a group needs at least one member");
    }

    @Test
    void aMemberListedTwiceIsRejected() {
        assertRejected("""
                  pool: {mode: group, members: [{name: primary}, {name: backup}, {id: primary}]}
                """, "providers.pool.members[2].name", "member 'primary' is listed twice");
    }

    @Test
    void anUnknownStrategyListsTheStrategies() {
        assertRejected("""
                  pool: {mode: group, strategy: fastest, members: [{name: primary}]}
                """, "providers.pool.strategy", "expected one of round_robin, weighted_round_robin, priority, random, "
                + "least_connections but was 'fastest'");
    }

    @Test
    void groupKeysOnAProviderThatIsNotAGroupAreRejected() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                providers:
                  api: {mode: remote, url: https://a.example.com/mcp, strategy: random}
                """, "jetway.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.keyPath()).isEqualTo("providers.api.strategy"))
                .hasMessageContaining("only a provider with 'mode: group' has 'strategy'; this provider's mode is remote");
    }

    @Test
    void anUnknownMemberKeyIsRejected() {
        assertRejected("""
                  pool: {mode: group, members: [{name: primary, wieght: 2}]}
                """, "providers.pool.members[0].wieght", "unknown key");
    }
}
