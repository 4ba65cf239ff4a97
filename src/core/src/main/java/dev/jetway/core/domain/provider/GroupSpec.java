package dev.jetway.core.domain.provider;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Members and load-balancing strategy of a {@code mode: group} provider.
 *
 * @param minHealthy how many members must be selectable for the group to take calls (1 ..
 *     number of members)
 */
public record GroupSpec(
        @JsonProperty("strategy") Strategy strategy,
        @JsonProperty("members") List<Member> members,
        @JsonProperty("min_healthy") int minHealthy) {

    public static final int DEFAULT_MIN_HEALTHY = 1;

    public GroupSpec {
        strategy = strategy == null ? Strategy.ROUND_ROBIN : strategy;
        members = members == null ? List.of() : List.copyOf(members);
        if (minHealthy == 0) minHealthy = DEFAULT_MIN_HEALTHY;
        if (minHealthy < 0) throw new IllegalArgumentException("min_healthy must be >= 1, got " + minHealthy);
        if (!members.isEmpty() && minHealthy > members.size()) {
            throw new IllegalArgumentException("min_healthy " + minHealthy + " exceeds the group's "
                    + members.size() + " member(s)");
        }
        Set<String> seen = new HashSet<>();
        for (Member member : members) {
            if (!seen.add(member.name())) {
                throw new IllegalArgumentException("member '" + member.name() + "' is listed twice");
            }
        }
    }

    /** The member names in configured order. */
    public List<String> memberNames() {
        return members.stream().map(Member::name).toList();
    }

    /**
     * One member of a group.
     *
     * @param weight share of calls under {@code weighted_round_robin} and {@code random}, >= 1
     * @param priority order under {@code priority}: lower is preferred; ties keep list order
     */
    public record Member(
            @JsonProperty("name") String name,
            @JsonProperty("weight") int weight,
            @JsonProperty("priority") int priority) {

        public static final int DEFAULT_WEIGHT = 1;

        public Member {
            Objects.requireNonNull(name, "member name");
            if (name.isBlank()) throw new IllegalArgumentException("member name must not be blank");
            if (weight < 1) throw new IllegalArgumentException("weight of member '" + name + "' must be >= 1, got " + weight);
            if (priority < 0) {
                throw new IllegalArgumentException("priority of member '" + name + "' must be >= 0, got " + priority);
            }
        }

        /** A member with weight 1 and priority 0. */
        public static Member of(String name) {
            return new Member(name, DEFAULT_WEIGHT, 0);
        }
    }

    public enum Strategy {
        ROUND_ROBIN, WEIGHTED_ROUND_ROBIN, PRIORITY, RANDOM, LEAST_CONNECTIONS;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Strategy fromWireName(String value) {
            String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Strategy strategy : values()) {
                if (strategy.name().equals(normalized)) return strategy;
            }
            throw new IllegalArgumentException("unknown group strategy '" + value + "'; expected one of "
                    + Arrays.stream(values()).map(Strategy::wireName).collect(Collectors.joining(", ")));
        }
    }
}
