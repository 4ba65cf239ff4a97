package dev.jetway.core.groups;

import dev.jetway.core.domain.provider.CircuitStatus;
import dev.jetway.core.domain.provider.GroupSpec;
import dev.jetway.core.domain.provider.LifecycleState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A lifecycle read side for tests: every member starts READY with a CLOSED circuit; tests change them. */
final class Members implements MemberStatusView {

    private final Map<String, MemberStatus> statuses = new ConcurrentHashMap<>();

    static Members ready(String... names) {
        Members members = new Members();
        for (String name : names) members.set(name, LifecycleState.READY, CircuitStatus.CLOSED);
        return members;
    }

    Members set(String name, LifecycleState state, CircuitStatus circuit) {
        statuses.put(name, MemberStatus.of(name, state, circuit));
        return this;
    }

    Members notAccepting(String name) {
        MemberStatus s = statuses.get(name);
        statuses.put(name, new MemberStatus(name, s.state(), s.circuit(), false));
        return this;
    }

    Members forget(String name) {
        statuses.remove(name);
        return this;
    }

    @Override
    public Optional<MemberStatus> status(String provider) {
        return Optional.ofNullable(statuses.get(provider));
    }

    static GroupSpec group(GroupSpec.Strategy strategy, int minHealthy, GroupSpec.Member... members) {
        return new GroupSpec(strategy, List.of(members), minHealthy);
    }

    static GroupSpec.Member member(String name, int weight, int priority) {
        return new GroupSpec.Member(name, weight, priority);
    }
}
