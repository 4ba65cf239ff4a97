package dev.jetway.core.groups;

import static dev.jetway.core.domain.provider.CircuitStatus.CLOSED;
import static dev.jetway.core.domain.provider.CircuitStatus.HALF_OPEN;
import static dev.jetway.core.domain.provider.CircuitStatus.OPEN;
import static dev.jetway.core.domain.provider.GroupSpec.Strategy.PRIORITY;
import static dev.jetway.core.domain.provider.GroupSpec.Strategy.ROUND_ROBIN;
import static dev.jetway.core.domain.provider.GroupSpec.Strategy.WEIGHTED_ROUND_ROBIN;
import static dev.jetway.core.domain.provider.LifecycleState.COLD;
import static dev.jetway.core.domain.provider.LifecycleState.DEAD;
import static dev.jetway.core.domain.provider.LifecycleState.DEGRADED;
import static dev.jetway.core.domain.provider.LifecycleState.READY;
import static dev.jetway.core.groups.Members.group;
import static dev.jetway.core.groups.Members.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.domain.provider.GroupSpec;
import dev.jetway.core.json.Json;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GroupRouterTest {

    final Members members = Members.ready("a", "b", "c");
    final AtomicReference<GroupSpec> pool = new AtomicReference<>(
            group(ROUND_ROBIN, 1, member("a", 1, 0), member("b", 1, 0), member("c", 1, 0)));
    final GroupRouter router = new GroupRouter(name -> name.equals("pool") ? Optional.of(pool.get()) : Optional.empty(),
            members);

    List<String> picks(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(router.select("pool"));
        return out;
    }

    @Test
    void membersWithAnOpenCircuitOrDeadOrNotAcceptingAreSkipped() {
        members.set("b", READY, OPEN);

        assertThat(picks(4)).as("b's circuit is OPEN").containsExactly("a", "c", "a", "c");

        members.set("b", READY, CLOSED).set("c", DEAD, CLOSED);
        assertThat(picks(4)).as("c is DEAD").doesNotContain("c").contains("a", "b");

        members.set("c", READY, CLOSED).notAccepting("a");
        assertThat(picks(4)).as("the view says a does not accept calls").doesNotContain("a").contains("b", "c");
    }

    @Test
    void coldDegradedAndHalfOpenMembersStaySelectable() {
        members.set("a", COLD, CLOSED).set("b", DEGRADED, CLOSED).set("c", READY, HALF_OPEN);

        assertThat(picks(3)).as("COLD starts on use, DEGRADED still answers, HALF_OPEN lets its trial through")
                .containsExactly("a", "b", "c");
    }

    @Test
    void aMemberTheLifecycleDoesNotKnowIsNotSelectable() {
        members.forget("a");

        assertThat(picks(4)).containsExactly("b", "c", "b", "c");
        assertThat(router.memberStatuses("pool").get(0).describe()).isEqualTo("a (COLD, circuit CLOSED, not accepting calls)");
    }

    @Test
    void weightedRoundRobinKeepsItsRatioAmongTheMembersThatAreLeft() {
        pool.set(group(WEIGHTED_ROUND_ROBIN, 1, member("a", 5, 0), member("b", 1, 0), member("c", 1, 0)));
        members.set("a", READY, OPEN);

        assertThat(picks(4)).as("a is skipped; b and c share equally").containsExactly("b", "c", "b", "c");
    }

    @Test
    void priorityFailsOverToTheNextPriorityAndFailsBackWhenThePreferredReturns() {
        pool.set(group(PRIORITY, 1, member("primary", 1, 0), member("secondary", 1, 1), member("tertiary", 1, 2)));
        members.set("primary", READY, CLOSED).set("secondary", READY, CLOSED).set("tertiary", READY, CLOSED);

        assertThat(router.select("pool")).isEqualTo("primary");
        members.set("primary", READY, OPEN);
        assertThat(router.select("pool")).as("failover to priority 1").isEqualTo("secondary");
        members.set("secondary", DEAD, CLOSED);
        assertThat(router.select("pool")).as("failover to priority 2").isEqualTo("tertiary");
        members.set("primary", READY, HALF_OPEN);
        assertThat(router.select("pool")).as("failback once the preferred member is selectable").isEqualTo("primary");
    }

    @Test
    void theGroupIsUsableWithExactlyMinHealthySelectableMembersAndRefusedWithOneFewer() {
        pool.set(group(ROUND_ROBIN, 2, member("a", 1, 0), member("b", 1, 0), member("c", 1, 0)));
        members.set("a", DEAD, CLOSED);

        assertThat(picks(2)).as("two selectable, min_healthy 2").containsExactly("b", "c");

        members.set("b", READY, OPEN);
        assertThatThrownBy(() -> router.select("pool"))
                .isInstanceOfSatisfying(GroupUnavailableException.class, e -> {
                    assertThat(e.group()).isEqualTo("pool");
                    assertThat(e.minHealthy()).isEqualTo(2);
                    assertThat(e.members()).extracting(MemberStatus::name).containsExactly("a", "b", "c");
                })
                .hasMessage("group 'pool' is unavailable: 1 of 3 member(s) selectable, min_healthy is 2; members: "
                        + "a (DEAD, circuit CLOSED), b (READY, circuit OPEN), c (READY, circuit CLOSED)");
    }

    @Test
    void aNameThatIsNotAGroupIsATypedError() {
        assertThat(router.isGroup("pool")).isTrue();
        assertThat(router.isGroup("a")).isFalse();
        assertThatThrownBy(() -> router.select("a")).isInstanceOf(UnknownGroupException.class)
                .hasMessageContaining("'a' is not a group provider");
    }

    @Test
    void aChangedDefinitionIsRoutedFromTheNextCallWithAFreshRotation() {
        assertThat(picks(2)).containsExactly("a", "b");

        pool.set(group(ROUND_ROBIN, 1, member("c", 1, 0), member("a", 1, 0)));

        assertThat(picks(3)).containsExactly("c", "a", "c");
    }

    @Test
    void aCallCountsItselfInFlightWhileItRunsAndNotAfterwards() {
        Map<String, Integer> seen = new java.util.HashMap<>();

        String answer = router.call("pool", member -> {
            seen.put(member, router.inFlight(member));
            return "from " + member;
        });

        assertThat(answer).isEqualTo("from a");
        assertThat(seen).containsExactly(Map.entry("a", 1));
        assertThat(router.inFlight("a")).isZero();
    }

    @Test
    void anUnavailableMemberFailsOverOnceToAnotherMember() {
        List<String> tried = new ArrayList<>();

        String answer = router.call("pool", member -> {
            tried.add(member);
            if (member.equals("a")) throw new ProviderUnavailableException("a", "connection refused");
            return "from " + member;
        });

        assertThat(answer).isEqualTo("from b");
        assertThat(tried).containsExactly("a", "b");
        assertThat(router.inFlight("a") + router.inFlight("b")).as("both leases closed").isZero();
    }

    @Test
    void whenTheFailoverFailsTooItsErrorIsThrownWithTheFirstAttachedAndNoThirdMemberIsTried() {
        List<String> tried = new ArrayList<>();

        assertThatThrownBy(() -> router.call("pool", member -> {
            tried.add(member);
            throw new ProviderUnavailableException(member, "connection refused");
        })).isInstanceOfSatisfying(ProviderUnavailableException.class, e -> {
            assertThat(e.provider()).isEqualTo("b");
            assertThat(e.getSuppressed()).singleElement().extracting(t -> ((ProviderUnavailableException) t).provider())
                    .isEqualTo("a");
        });
        assertThat(tried).as("at most one failover").containsExactly("a", "b");
    }

    @Test
    void anErrorTheMemberAnsweredWithIsNotRetriedElsewhere() {
        List<String> tried = new ArrayList<>();
        UpstreamErrorException answered = new UpstreamErrorException("a",
                Json.object().put("code", -32602).put("message", "bad arguments"));

        assertThatThrownBy(() -> router.call("pool", member -> {
            tried.add(member);
            throw answered;
        })).isSameAs(answered);
        assertThat(tried).as("the tool may have run: no second attempt").containsExactly("a");
        assertThat(router.inFlight("a")).isZero();
    }

    @Test
    void withNoOtherSelectableMemberTheFirstFailureIsThrown() {
        members.set("b", DEAD, CLOSED).set("c", READY, OPEN);
        ProviderUnavailableException down = new ProviderUnavailableException("a", "exit 1");

        assertThatThrownBy(() -> router.call("pool", member -> {
            throw down;
        })).isSameAs(down);
    }

    @Test
    void aRefusedGroupRunsNothing() {
        members.set("a", DEAD, CLOSED).set("b", DEAD, CLOSED).set("c", DEAD, CLOSED);
        List<String> tried = new ArrayList<>();

        assertThatThrownBy(() -> router.call("pool", tried::add)).isInstanceOf(GroupUnavailableException.class);
        assertThat(tried).isEmpty();
    }
}
