package dev.jetway.core.groups;

import static dev.jetway.core.domain.provider.GroupSpec.Strategy.LEAST_CONNECTIONS;
import static dev.jetway.core.domain.provider.GroupSpec.Strategy.PRIORITY;
import static dev.jetway.core.domain.provider.GroupSpec.Strategy.RANDOM;
import static dev.jetway.core.domain.provider.GroupSpec.Strategy.ROUND_ROBIN;
import static dev.jetway.core.domain.provider.GroupSpec.Strategy.WEIGHTED_ROUND_ROBIN;
import static dev.jetway.core.groups.Members.group;
import static dev.jetway.core.groups.Members.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jetway.core.domain.provider.GroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** What each strategy hands out when every member is selectable. */
class GroupStrategiesTest {

    final Members members = Members.ready("a", "b", "c");

    GroupRouter router(GroupSpec spec, Supplier<RandomGenerator> random) {
        return new GroupRouter(name -> name.equals("pool") ? java.util.Optional.of(spec) : java.util.Optional.empty(),
                members, new InFlightCalls(), random, GroupRouter::memberWasUnavailable);
    }

    List<String> picks(GroupRouter router, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(router.select("pool"));
        return out;
    }

    @Test
    void roundRobinHandsOutMembersInConfiguredOrderAndWrapsAround() {
        GroupRouter router = router(group(ROUND_ROBIN, 1, member("a", 1, 0), member("b", 1, 0), member("c", 1, 0)),
                SplittableRandom::new);

        assertThat(picks(router, 7)).containsExactly("a", "b", "c", "a", "b", "c", "a");
    }

    @Test
    void smoothWeightedRoundRobinWithWeights5To1To1GivesNginxsSpreadSequence() {
        GroupRouter router = router(group(WEIGHTED_ROUND_ROBIN, 1, member("a", 5, 0), member("b", 1, 0),
                member("c", 1, 0)), SplittableRandom::new);

        assertThat(picks(router, 14)).as("two full cycles of nginx's smooth weighted round robin, a heavy member never"
                + " bunched more than twice").containsExactly("a", "a", "b", "a", "c", "a", "a",
                        "a", "a", "b", "a", "c", "a", "a");
    }

    @Test
    void smoothWeightedRoundRobinGivesEachMemberItsWeightShareInEveryCycle() {
        GroupRouter router = router(group(WEIGHTED_ROUND_ROBIN, 1, member("a", 3, 0), member("b", 2, 0),
                member("c", 1, 0)), SplittableRandom::new);

        List<String> cycle = picks(router, 6);

        assertThat(cycle).containsExactly("a", "b", "a", "c", "b", "a");
        assertThat(counts(picks(router, 600))).containsExactly(Map.entry("a", 300), Map.entry("b", 200),
                Map.entry("c", 100));
    }

    @Test
    void priorityAlwaysChoosesTheLowestPriorityNumberAndListOrderBreaksTies() {
        GroupRouter router = router(group(PRIORITY, 1, member("a", 1, 2), member("b", 1, 1), member("c", 1, 1)),
                SplittableRandom::new);

        assertThat(picks(router, 3)).as("b and c share priority 1; b is listed first").containsExactly("b", "b", "b");
    }

    @Test
    void randomFollowsTheInjectedGeneratorExactly() {
        // draws over total weight 4 (a:2, b:1, c:1): 0,1 -> a; 2 -> b; 3 -> c
        RandomGenerator scripted = new ScriptedDraws(3, 0, 2, 1);
        GroupRouter router = router(group(RANDOM, 1, member("a", 2, 0), member("b", 1, 0), member("c", 1, 0)),
                () -> scripted);

        assertThat(picks(router, 4)).containsExactly("c", "a", "b", "a");
    }

    @Test
    void randomSpreadsInProportionToWeights() {
        SplittableRandom seeded = new SplittableRandom(42);
        GroupRouter router = router(group(RANDOM, 1, member("a", 2, 0), member("b", 1, 0), member("c", 1, 0)),
                () -> seeded);

        Map<String, Integer> counts = counts(picks(router, 20_000));

        assertThat(counts.get("a") / 20_000.0).as("a has half the weight").isCloseTo(0.50, within(0.02));
        assertThat(counts.get("b") / 20_000.0).isCloseTo(0.25, within(0.02));
        assertThat(counts.get("c") / 20_000.0).isCloseTo(0.25, within(0.02));
    }

    @Test
    void leastConnectionsRotatesAmongTiedMembersWhenNothingIsInFlight() {
        GroupRouter router = router(group(LEAST_CONNECTIONS, 1, member("a", 1, 0), member("b", 1, 0),
                member("c", 1, 0)), SplittableRandom::new);

        assertThat(picks(router, 4)).as("sequential calls see zero open calls everywhere").containsExactly("a", "b", "c", "a");
    }

    @Test
    void leastConnectionsChoosesTheMemberWithFewestOpenCalls() {
        GroupRouter router = router(group(LEAST_CONNECTIONS, 1, member("a", 1, 0), member("b", 1, 0),
                member("c", 1, 0)), SplittableRandom::new);
        InFlightCalls.Lease onA = router.acquire("pool");
        InFlightCalls.Lease onB = router.acquire("pool");
        InFlightCalls.Lease onC = router.acquire("pool");
        InFlightCalls.Lease secondOnA = router.acquire("pool");
        onB.close();

        assertThat(List.of(onA.provider(), onB.provider(), onC.provider(), secondOnA.provider()))
                .containsExactly("a", "b", "c", "a");
        assertThat(router.select("pool")).as("b has 0 open calls, a 2, c 1").isEqualTo("b");
        onA.close();
        onC.close();
        assertThat(router.select("pool")).as("c and b have 0, a still 1; rotation starts after b").isEqualTo("c");
    }

    private static Map<String, Integer> counts(List<String> picks) {
        Map<String, Integer> counts = new TreeMap<>();
        picks.forEach(p -> counts.merge(p, 1, Integer::sum));
        return counts;
    }

    /** A generator that returns the given bounded draws in order. */
    private static final class ScriptedDraws implements RandomGenerator {
        private final int[] draws;
        private int next;

        ScriptedDraws(int... draws) {
            this.draws = draws;
        }

        @Override
        public int nextInt(int bound) {
            int draw = draws[next++];
            if (draw >= bound) throw new IllegalStateException("scripted draw " + draw + " is not below " + bound);
            return draw;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only bounded int draws are scripted");
        }
    }
}
