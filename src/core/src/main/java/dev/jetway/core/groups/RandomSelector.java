package dev.jetway.core.groups;

import dev.jetway.core.domain.provider.GroupSpec.Member;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** An eligible member drawn at random, each with a chance proportional to its weight. */
final class RandomSelector implements MemberSelector {

    private final Supplier<RandomGenerator> random;

    RandomSelector(Supplier<RandomGenerator> random) {
        this.random = random;
    }

    @Override
    public Optional<Member> select(List<Member> members, Predicate<String> eligible) {
        List<Member> candidates = members.stream().filter(m -> eligible.test(m.name())).toList();
        if (candidates.isEmpty()) return Optional.empty();
        int total = candidates.stream().mapToInt(Member::weight).sum();
        int draw = random.get().nextInt(total);
        for (Member member : candidates) {
            draw -= member.weight();
            if (draw < 0) return Optional.of(member);
        }
        throw new AssertionError("a draw below the total weight lands on a member");
    }
}
