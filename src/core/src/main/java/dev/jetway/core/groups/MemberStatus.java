package dev.jetway.core.groups;

import dev.jetway.core.domain.provider.CircuitStatus;
import dev.jetway.core.domain.provider.LifecycleState;
import java.util.Objects;

/**
 * What the lifecycle knows about one group member, as the router needs it.
 *
 * @param accepting false when the lifecycle has another reason to keep calls away (for example the
 *     provider is not registered, was removed, or waits out a start backoff)
 */
public record MemberStatus(String name, LifecycleState state, CircuitStatus circuit, boolean accepting) {

    public MemberStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(circuit, "circuit");
    }

    /** A registered member that takes calls: COLD members are started on first use. */
    public static MemberStatus of(String name, LifecycleState state, CircuitStatus circuit) {
        return new MemberStatus(name, state, circuit, true);
    }

    /** What the router assumes about a member the lifecycle does not know. */
    public static MemberStatus unknown(String name) {
        return new MemberStatus(name, LifecycleState.COLD, CircuitStatus.CLOSED, false);
    }

    /**
     * A member may be chosen unless its circuit is OPEN (calls would fail fast), it is DEAD, or the
     * lifecycle says it does not accept calls. HALF_OPEN is selectable: the breaker lets its one
     * trial call through and turns the rest away itself.
     */
    public boolean selectable() {
        return accepting && state != LifecycleState.DEAD && circuit != CircuitStatus.OPEN;
    }

    /** For messages: {@code name (READY, circuit CLOSED)}. */
    public String describe() {
        return name + " (" + state + ", circuit " + circuit + (accepting ? "" : ", not accepting calls") + ")";
    }
}
