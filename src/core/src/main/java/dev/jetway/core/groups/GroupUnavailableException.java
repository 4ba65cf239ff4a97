package dev.jetway.core.groups;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A group has fewer selectable members than its {@code min_healthy}. Names the group and every
 * member with its state, so that the caller (and the log) can see which members to look at.
 */
public final class GroupUnavailableException extends RuntimeException {

    private final String group;
    private final int minHealthy;
    private final List<MemberStatus> members;

    public GroupUnavailableException(String group, int minHealthy, List<MemberStatus> members) {
        super("group '" + group + "' is unavailable: " + members.stream().filter(MemberStatus::selectable).count()
                + " of " + members.size() + " member(s) selectable, min_healthy is " + minHealthy + "; members: "
                + members.stream().map(MemberStatus::describe).collect(Collectors.joining(", ")));
        this.group = group;
        this.minHealthy = minHealthy;
        this.members = List.copyOf(members);
    }

    public String group() {
        return group;
    }

    public int minHealthy() {
        return minHealthy;
    }

    /** Every member in configured order, with the status the decision was made on. */
    public List<MemberStatus> members() {
        return members;
    }
}
