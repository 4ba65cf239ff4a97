package dev.jetway.core.groups;

import dev.jetway.core.domain.provider.GroupSpec.Member;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Each eligible member in turn, in configured order; ineligible members are stepped over. */
final class RoundRobinSelector implements MemberSelector {

    private int next;

    @Override
    public Optional<Member> select(List<Member> members, Predicate<String> eligible) {
        for (int step = 0; step < members.size(); step++) {
            int index = (next + step) % members.size();
            if (eligible.test(members.get(index).name())) {
                next = (index + 1) % members.size();
                return Optional.of(members.get(index));
            }
        }
        return Optional.empty();
    }
}
