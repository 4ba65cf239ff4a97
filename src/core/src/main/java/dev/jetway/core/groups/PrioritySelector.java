package dev.jetway.core.groups;

import dev.jetway.core.domain.provider.GroupSpec.Member;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Failover: the eligible member with the lowest {@code priority} number (the first listed on a
 * tie). Stateless, so it fails back by itself: once the preferred member is eligible again, the
 * next selection chooses it.
 */
final class PrioritySelector implements MemberSelector {

    @Override
    public Optional<Member> select(List<Member> members, Predicate<String> eligible) {
        Member best = null;
        for (Member member : members) {
            if (eligible.test(member.name()) && (best == null || member.priority() < best.priority())) best = member;
        }
        return Optional.ofNullable(best);
    }
}
