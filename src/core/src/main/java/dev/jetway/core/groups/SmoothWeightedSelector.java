package dev.jetway.core.groups;

import dev.jetway.core.domain.provider.GroupSpec.Member;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * nginx's smooth weighted round robin: every selection adds each eligible member's weight to its
 * current weight, picks the member with the highest current weight (the first on a tie) and takes
 * the eligible members' total weight off it. Weights 5:1:1 give a, a, b, a, c, a, a: the heavy
 * member's turns are spread out instead of bunched. An ineligible member keeps its current weight.
 */
final class SmoothWeightedSelector implements MemberSelector {

    private final int[] current;

    SmoothWeightedSelector(int members) {
        this.current = new int[members];
    }

    @Override
    public Optional<Member> select(List<Member> members, Predicate<String> eligible) {
        int total = 0;
        int best = -1;
        for (int i = 0; i < members.size(); i++) {
            if (!eligible.test(members.get(i).name())) continue;
            current[i] += members.get(i).weight();
            total += members.get(i).weight();
            if (best < 0 || current[i] > current[best]) best = i;
        }
        if (best < 0) return Optional.empty();
        current[best] -= total;
        return Optional.of(members.get(best));
    }
}
