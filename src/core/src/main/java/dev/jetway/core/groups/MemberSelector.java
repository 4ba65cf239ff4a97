package dev.jetway.core.groups;

import dev.jetway.core.domain.provider.GroupSpec;
import dev.jetway.core.domain.provider.GroupSpec.Member;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One group's load-balancing strategy. A selector may keep state between selections (a cursor,
 * current weights); the router calls it under the group's lock, so it need not be thread-safe.
 */
public sealed interface MemberSelector
        permits RoundRobinSelector, SmoothWeightedSelector, PrioritySelector, RandomSelector, LeastConnectionsSelector {

    /**
     * Chooses among the members for which {@code eligible} holds.
     *
     * @param members all members in configured order
     * @return the chosen member, or empty when none is eligible
     */
    Optional<Member> select(List<Member> members, Predicate<String> eligible);

    /** A fresh selector for the group's strategy. */
    static MemberSelector forGroup(GroupSpec group, InFlightCalls inFlight, Supplier<RandomGenerator> random) {
        return switch (group.strategy()) {
            case ROUND_ROBIN -> new RoundRobinSelector();
            case WEIGHTED_ROUND_ROBIN -> new SmoothWeightedSelector(group.members().size());
            case PRIORITY -> new PrioritySelector();
            case RANDOM -> new RandomSelector(random);
            case LEAST_CONNECTIONS -> new LeastConnectionsSelector(inFlight);
        };
    }
}
