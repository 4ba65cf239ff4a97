package dev.jetway.core.domain.provider;

import static dev.jetway.core.domain.provider.LifecycleState.COLD;
import static dev.jetway.core.domain.provider.LifecycleState.DEAD;
import static dev.jetway.core.domain.provider.LifecycleState.DEGRADED;
import static dev.jetway.core.domain.provider.LifecycleState.INITIALIZING;
import static dev.jetway.core.domain.provider.LifecycleState.READY;

import dev.jetway.core.domain.provider.ProviderCommand.ChangeConfig;
import dev.jetway.core.domain.provider.ProviderCommand.CloseCircuit;
import dev.jetway.core.domain.provider.ProviderCommand.HalfOpenCircuit;
import dev.jetway.core.domain.provider.ProviderCommand.MarkStartFailed;
import dev.jetway.core.domain.provider.ProviderCommand.MarkStarted;
import dev.jetway.core.domain.provider.ProviderCommand.OpenCircuit;
import dev.jetway.core.domain.provider.ProviderCommand.RecordHealthCheck;
import dev.jetway.core.domain.provider.ProviderCommand.RecordUse;
import dev.jetway.core.domain.provider.ProviderCommand.Register;
import dev.jetway.core.domain.provider.ProviderCommand.Remove;
import dev.jetway.core.domain.provider.ProviderCommand.RequestStart;
import dev.jetway.core.domain.provider.ProviderCommand.Stop;
import dev.jetway.core.domain.provider.ProviderCommand.StopIfIdle;
import dev.jetway.core.domain.provider.ProviderEvent.CircuitClosed;
import dev.jetway.core.domain.provider.ProviderEvent.CircuitHalfOpened;
import dev.jetway.core.domain.provider.ProviderEvent.CircuitOpened;
import dev.jetway.core.domain.provider.ProviderEvent.HealthCheckFailed;
import dev.jetway.core.domain.provider.ProviderEvent.HealthCheckPassed;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderConfigChanged;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderDegraded;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderRecovered;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderRegistered;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderRemoved;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderStartFailed;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderStartRequested;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderStarted;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderStopped;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderUsed;
import dev.jetway.core.domain.provider.ProviderEvent.ToolSchemaVersionApproved;
import dev.jetway.core.domain.provider.ProviderEvent.ToolSchemaVersionCreated;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The provider aggregate's rules as two pure functions: {@link #decide} checks a command against
 * the current state and returns the events it causes (empty when there is nothing to do), and
 * {@link #evolve} folds one event into the state. Neither does I/O.
 */
public final class ProviderDecider {

    private ProviderDecider() {}

    public static List<ProviderEvent> decide(Provider p, ProviderCommand command, Clock clock) {
        String name = p.name();
        if (command instanceof Register register) {
            if (!p.registered() || p.removed()) return List.of(new ProviderRegistered(name, register.spec()));
            if (p.spec().equals(register.spec())) return List.of();
            throw new ProviderCommandRejectedException(name,
                    "already registered with a different spec; change it with ChangeConfig");
        }
        if (!p.registered()) throw new ProviderCommandRejectedException(name, "is not registered");
        if (p.removed()) throw new ProviderCommandRejectedException(name, "was removed; register it again first");

        return switch (command) {
            case Register ignored -> throw new AssertionError("handled above");
            case ChangeConfig change -> change.spec().equals(p.spec())
                    ? List.of()
                    : List.of(new ProviderConfigChanged(name, change.spec()));
            case Remove ignored -> p.state().isRunning()
                    ? List.of(new ProviderStopped(name, StopReason.REMOVED, null), new ProviderRemoved(name))
                    : List.of(new ProviderRemoved(name));
            case RequestStart start -> switch (p.state()) {
                case READY -> List.of();
                case INITIALIZING -> startIsStale(p, start, clock.instant())
                        ? List.of(new ProviderStartRequested(name, p.startAttempts() + 1, clock.instant()))
                        : List.of();
                case COLD, DEAD, DEGRADED -> List.of(new ProviderStartRequested(name, p.startAttempts() + 1,
                        clock.instant()));
            };
            case MarkStarted started -> {
                requireStarting(p, READY, "MarkStarted");
                yield List.of(new ProviderStarted(name, started.endpoint(), started.toolsCount(),
                        started.startupDuration().toMillis(), clock.instant()));
            }
            case MarkStartFailed failed -> {
                requireStarting(p, DEAD, "MarkStartFailed");
                Instant retryAt = failed.retryAfter() == null ? null : clock.instant().plus(failed.retryAfter());
                yield List.of(new ProviderStartFailed(name, failed.error(), p.startAttempts(), retryAt));
            }
            case RecordUse ignored -> decideUse(p, clock.instant());
            case StopIfIdle ignored -> decideIdleStop(p, clock.instant());
            case Stop stop -> decideStop(p, stop);
            case RecordHealthCheck check -> decideHealthCheck(p, check);
            case OpenCircuit open -> p.circuit() == CircuitStatus.OPEN
                    ? List.of()
                    : List.of(new CircuitOpened(name, open.failures(), clock.instant().plus(open.resetTimeout())));
            case HalfOpenCircuit ignored -> switch (p.circuit()) {
                case OPEN -> List.of(new CircuitHalfOpened(name));
                case HALF_OPEN -> List.of();
                case CLOSED -> throw new ProviderCommandRejectedException(name,
                        "circuit is CLOSED; only an OPEN circuit can half-open");
            };
            case CloseCircuit ignored -> switch (p.circuit()) {
                case HALF_OPEN -> List.of(new CircuitClosed(name));
                case CLOSED -> List.of();
                case OPEN -> throw new ProviderCommandRejectedException(name,
                        "circuit is OPEN; it closes only after a successful half-open trial");
            };
        };
    }

    public static Provider evolve(Provider p, ProviderEvent event) {
        Provider.Builder b = p.toBuilder();
        b.version = p.version() + 1;
        switch (event) {
            case ProviderRegistered e -> {
                b.registered = true; b.removed = false; b.spec = e.spec(); b.state = COLD;
                b.startAttempts = 0; b.consecutiveHealthFailures = 0; b.endpoint = null; b.toolsCount = 0;
                b.lastError = null; b.lastStopReason = null; b.circuit = CircuitStatus.CLOSED; b.circuitRetryAt = null;
            }
            case ProviderConfigChanged e -> b.spec = e.spec();
            case ProviderRemoved e -> { b.removed = true; b.state = COLD; b.endpoint = null; }
            case ProviderStartRequested e -> {
                b.state = INITIALIZING; b.startAttempts = e.attempt(); b.startRetryAt = null;
                b.startRequestedAt = e.requestedAt();
            }
            case ProviderStarted e -> {
                b.state = READY; b.endpoint = e.endpoint(); b.toolsCount = e.toolsCount();
                b.startAttempts = 0; b.consecutiveHealthFailures = 0; b.lastError = null; b.startRetryAt = null;
                if (e.startedAt() != null) b.lastUsedAt = e.startedAt();
            }
            case ProviderStartFailed e -> {
                b.state = DEAD; b.lastError = e.error(); b.endpoint = null; b.startRetryAt = e.retryAt();
            }
            case ProviderUsed e -> b.lastUsedAt = e.usedAt();
            case ProviderDegraded e -> { b.state = DEGRADED; b.lastError = e.reason(); }
            case ProviderRecovered e -> { b.state = READY; b.consecutiveHealthFailures = 0; }
            case ProviderStopped e -> {
                b.state = e.reason() == StopReason.FAILURE ? DEAD : COLD;
                b.lastStopReason = e.reason(); b.endpoint = null; b.consecutiveHealthFailures = 0;
                if (e.reason() == StopReason.FAILURE) b.lastError = e.detail();
            }
            case HealthCheckFailed e -> { b.consecutiveHealthFailures = e.consecutiveFailures(); b.lastError = e.error(); }
            case HealthCheckPassed e -> b.consecutiveHealthFailures = 0;
            case CircuitOpened e -> { b.circuit = CircuitStatus.OPEN; b.circuitRetryAt = e.retryAt(); }
            case CircuitHalfOpened e -> b.circuit = CircuitStatus.HALF_OPEN;
            case CircuitClosed e -> { b.circuit = CircuitStatus.CLOSED; b.circuitRetryAt = null; }
            // Written on provider streams before the schema ledger kept versions on streams of their own;
            // still folded so that old streams replay to the same state.
            case ToolSchemaVersionCreated e -> b.schemaVersions.put(e.method(),
                    new Provider.SchemaRef(e.versionNumber(), e.versionId(), e.hash()));
            // Approvals live on pin#<provider>#<method> streams; they change nothing in the lifecycle.
            case ToolSchemaVersionApproved e -> { }
        }
        return b.build();
    }

    /** Folds a whole history, oldest first. */
    public static Provider replay(String name, Iterable<? extends ProviderEvent> history) {
        Provider p = Provider.unregistered(name);
        for (ProviderEvent e : history) p = evolve(p, e);
        return p;
    }

    private static List<ProviderEvent> decideStop(Provider p, Stop stop) {
        LifecycleState target = stop.reason() == StopReason.FAILURE ? DEAD : COLD;
        if (p.state() == target) return List.of();
        requireTransition(p, target, "Stop(" + stop.reason().wireName() + ")");
        return List.of(new ProviderStopped(p.name(), stop.reason(), stop.detail()));
    }

    /** A use of a provider that does not run, or no later than the one recorded, changes nothing. */
    private static List<ProviderEvent> decideUse(Provider p, Instant now) {
        if (p.state() != READY && p.state() != DEGRADED) return List.of();
        if (p.lastUsedAt() != null && !now.isAfter(p.lastUsedAt())) return List.of();
        return List.of(new ProviderUsed(p.name(), now));
    }

    private static List<ProviderEvent> decideIdleStop(Provider p, Instant now) {
        if (p.state() != READY && p.state() != DEGRADED) return List.of();
        if (p.lastUsedAt() == null) return List.of();
        long ttl = p.spec().idleTtlSeconds();
        if (now.isBefore(p.lastUsedAt().plusSeconds(ttl))) return List.of();
        long idleSeconds = java.time.Duration.between(p.lastUsedAt(), now).toSeconds();
        return List.of(new ProviderStopped(p.name(), StopReason.IDLE,
                "unused for " + idleSeconds + " s (idle_ttl_s " + ttl + ")"));
    }

    /** Health results that arrive when the provider is not READY or DEGRADED are stale: ignored. */
    private static List<ProviderEvent> decideHealthCheck(Provider p, RecordHealthCheck check) {
        if (p.state() != READY && p.state() != DEGRADED) return List.of();
        int previous = p.consecutiveHealthFailures();
        if (check.passed()) {
            List<ProviderEvent> passed = previous > 0 ? List.of(new HealthCheckPassed(p.name(), previous)) : List.of();
            if (p.state() == READY) return passed;
            return concat(passed, new ProviderRecovered(p.name()));
        }
        int failures = previous + 1;
        HealthCheckFailed failed = new HealthCheckFailed(p.name(), failures, check.error());
        if (p.state() == READY && failures >= p.spec().maxConsecutiveFailures()) {
            return List.of(failed, new ProviderDegraded(p.name(), failures,
                    failures + " consecutive health checks failed; last: " + check.error()));
        }
        return List.of(failed);
    }

    /** A start older than the takeover budget (one recorded without a time never is). */
    private static boolean startIsStale(Provider p, RequestStart start, Instant now) {
        return start.takeOverAfter() != null && p.startRequestedAt() != null
                && !now.isBefore(p.startRequestedAt().plus(start.takeOverAfter()));
    }

    private static void requireTransition(Provider p, LifecycleState to, String command) {
        if (!p.state().canMoveTo(to)) throw new InvalidTransitionException(p.name(), p.state(), to, command);
    }

    /** Start outcomes belong to a start in progress; from any other state they are out of order. */
    private static void requireStarting(Provider p, LifecycleState to, String command) {
        if (p.state() != INITIALIZING) throw new InvalidTransitionException(p.name(), p.state(), to, command);
    }

    private static List<ProviderEvent> concat(List<ProviderEvent> first, ProviderEvent last) {
        var all = new java.util.ArrayList<>(first);
        all.add(last);
        return List.copyOf(all);
    }
}
