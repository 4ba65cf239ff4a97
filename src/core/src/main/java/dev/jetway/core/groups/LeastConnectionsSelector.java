package dev.jetway.core.groups;

import dev.jetway.core.domain.provider.GroupSpec.Member;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The eligible member with the fewest calls open from this gateway instance ({@link InFlightCalls}).
 * Ties go round robin, so that sequential calls, which always see zero open calls, still spread.
 * Weights are not used.
 */
final class LeastConnectionsSelector implements MemberSelector {

    private final InFlightCalls inFlight;
    private int next;

    LeastConnectionsSelector(InFlightCalls inFlight) {
        this.inFlight = inFlight;
    }

    @Override
    public Optional<Member> select(List<Member> members, Predicate<String> eligible) {
        int best = -1;
        int fewest = Integer.MAX_VALUE;
        for (int step = 0; step < members.size(); step++) {
            int index = (next + step) % members.size();
            if (!eligible.test(members.get(index).name())) continue;
            int open = inFlight.count(members.get(index).name());
            if (open < fewest) {
                best = index;
                fewest = open;
            }
        }
        if (best < 0) return Optional.empty();
        next = (best + 1) % members.size();
        return Optional.of(members.get(best));
    }
}
