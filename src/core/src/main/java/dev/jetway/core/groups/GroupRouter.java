package dev.jetway.core.groups;

import dev.jetway.core.domain.provider.GroupSpec;
import dev.jetway.core.domain.provider.GroupSpec.Member;
import dev.jetway.core.upstream.ProviderUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Routes calls to a group provider's members. Each selection reads every member's status, refuses
 * the group when fewer than {@code min_healthy} members are selectable, and lets the group's
 * strategy choose among the selectable ones.
 *
 * <p>Failover rule of {@link #call}: when the chosen member fails with an exception that says it
 * was unavailable ({@code failoverOn}, by default {@link ProviderUnavailableException}), the call
 * is made once more, on another selectable member chosen by the same strategy with the failed
 * member left out. At most one failover per call, and none for any other failure (an error the
 * member answered with is the answer), because a tool call is not known to be safe to repeat.
 *
 * <p>Thread-safe. Selection and counting the new call in flight happen under the group's lock, so
 * that {@code least_connections} sees every call it has already handed out.
 */
public final class GroupRouter {

    private final GroupDefinitions definitions;
    private final MemberStatusView statuses;
    private final InFlightCalls inFlight;
    private final Supplier<RandomGenerator> random;
    private final Predicate<RuntimeException> failoverOn;
    private final Map<String, GroupState> groups = new ConcurrentHashMap<>();

    /** A router with its own in-flight counters, thread-local randomness and the default failover rule. */
    public GroupRouter(GroupDefinitions definitions, MemberStatusView statuses) {
        this(definitions, statuses, new InFlightCalls(), ThreadLocalRandom::current,
                GroupRouter::memberWasUnavailable);
    }

    /**
     * @param random source of {@code random} draws; asked on the selecting thread each time
     * @param failoverOn which failures of a member make {@link #call} try another member
     */
    public GroupRouter(GroupDefinitions definitions, MemberStatusView statuses, InFlightCalls inFlight,
            Supplier<RandomGenerator> random, Predicate<RuntimeException> failoverOn) {
        this.definitions = Objects.requireNonNull(definitions, "definitions");
        this.statuses = Objects.requireNonNull(statuses, "statuses");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
        this.random = Objects.requireNonNull(random, "random");
        this.failoverOn = Objects.requireNonNull(failoverOn, "failoverOn");
    }

    /** The default failover rule: the member could not be started or reached. */
    public static boolean memberWasUnavailable(RuntimeException failure) {
        return failure instanceof ProviderUnavailableException;
    }

    /** Whether {@code provider} is a group this router routes. */
    public boolean isGroup(String provider) {
        return definitions.group(provider).isPresent();
    }

    /**
     * The member the next call should go to, without counting a call in flight.
     *
     * @throws UnknownGroupException when {@code group} is not a group
     * @throws GroupUnavailableException when fewer than {@code min_healthy} members are selectable
     */
    public String select(String group) {
        return choose(group, Set.of(), true, false).orElseThrow().member();
    }

    /**
     * Chooses a member and counts a call to it in flight until the lease is closed: for calls that
     * outlive one method call, such as a stream.
     *
     * @throws UnknownGroupException when {@code group} is not a group
     * @throws GroupUnavailableException when fewer than {@code min_healthy} members are selectable
     */
    public InFlightCalls.Lease acquire(String group) {
        return choose(group, Set.of(), true, true).orElseThrow().lease();
    }

    /**
     * Runs {@code call} on a chosen member, counted in flight while it runs, failing over once as
     * the class comment says. When the failover fails too, its exception is thrown with the first
     * failure attached as suppressed.
     */
    public <T> T call(String group, MemberCall<T> call) {
        InFlightCalls.Lease first = acquire(group);
        RuntimeException firstFailure;
        try (first) {
            return call.call(first.provider());
        } catch (RuntimeException failure) {
            if (!failoverOn.test(failure)) throw failure;
            firstFailure = failure;
        }
        Optional<Choice> second = choose(group, Set.of(first.provider()), false, true);
        if (second.isEmpty()) throw firstFailure;
        try (InFlightCalls.Lease lease = second.get().lease()) {
            return call.call(lease.provider());
        } catch (RuntimeException failure) {
            failure.addSuppressed(firstFailure);
            throw failure;
        }
    }

    /** Calls this instance has open to {@code member} (through any group). */
    public int inFlight(String member) {
        return inFlight.count(member);
    }

    /** The status of every member of {@code group}, in configured order, as a selection would see it. */
    public List<MemberStatus> memberStatuses(String group) {
        GroupSpec spec = definitions.group(group).orElseThrow(() -> new UnknownGroupException(group));
        return statusesOf(spec);
    }

    private Optional<Choice> choose(String group, Set<String> excluded, boolean enforceMinHealthy, boolean count) {
        GroupSpec spec = definitions.group(group).orElseThrow(() -> new UnknownGroupException(group));
        List<MemberStatus> members = statusesOf(spec);
        Set<String> selectable = members.stream().filter(MemberStatus::selectable)
                .map(MemberStatus::name).collect(Collectors.toSet());
        if (enforceMinHealthy && selectable.size() < spec.minHealthy()) {
            throw new GroupUnavailableException(group, spec.minHealthy(), members);
        }
        GroupState state = groups.compute(group, (name, old) -> old != null && old.spec().equals(spec)
                ? old
                : new GroupState(spec, MemberSelector.forGroup(spec, inFlight, random)));
        synchronized (state) {
            Optional<Member> chosen = state.selector().select(spec.members(),
                    name -> selectable.contains(name) && !excluded.contains(name));
            return chosen.map(m -> new Choice(m.name(), count ? inFlight.open(m.name()) : null));
        }
    }

    private List<MemberStatus> statusesOf(GroupSpec spec) {
        return spec.members().stream()
                .map(m -> statuses.status(m.name()).orElseGet(() -> MemberStatus.unknown(m.name())))
                .toList();
    }

    /** A group's selector lives as long as its definition; a changed definition starts a new one. */
    private record GroupState(GroupSpec spec, MemberSelector selector) {}

    private record Choice(String member, InFlightCalls.Lease lease) {}
}
