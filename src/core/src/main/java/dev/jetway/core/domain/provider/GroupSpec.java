package dev.jetway.core.domain.provider;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Members and load-balancing strategy of a `mode: group` provider. */
public record GroupSpec(
        @JsonProperty("strategy") Strategy strategy,
        @JsonProperty("members") List<Member> members,
        @JsonProperty("min_healthy") int minHealthy) {

    public GroupSpec {
        strategy = strategy == null ? Strategy.ROUND_ROBIN : strategy;
        members = members == null ? List.of() : List.copyOf(members);
        if (minHealthy <= 0) minHealthy = 1;
    }

    public record Member(
            @JsonProperty("name") String name,
            @JsonProperty("weight") int weight,
            @JsonProperty("priority") int priority) {
        public Member {
            Objects.requireNonNull(name, "member name");
            if (weight <= 0) weight = 1;
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
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }
}
