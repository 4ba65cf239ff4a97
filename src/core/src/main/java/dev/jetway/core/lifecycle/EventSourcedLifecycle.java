package dev.jetway.core.lifecycle;

import static dev.jetway.core.domain.provider.LifecycleState.DEGRADED;
import static dev.jetway.core.domain.provider.LifecycleState.READY;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.LifecycleSettings;
import dev.jetway.core.domain.provider.CircuitStatus;
import dev.jetway.core.domain.provider.InvalidTransitionException;
import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.domain.provider.Provider;
import dev.jetway.core.domain.provider.ProviderCommand;
import dev.jetway.core.domain.provider.ProviderCommandRejectedException;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.domain.provider.StopReason;
import dev.jetway.core.domain.resilience.CircuitBreaker;
import dev.jetway.core.domain.resilience.RetryBackoff;
import dev.jetway.core.eventstore.WrongExpectedVersionException;
import dev.jetway.core.gateway.ProviderLifecycle;
import dev.jetway.core.json.Json;
import dev.jetway.core.registry.CommandResult;
import dev.jetway.core.registry.ProviderRepository;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamErrorException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Every provider's life as events in the registry. The event store decides: a start begins only for
 * the caller whose conditional append of COLD → INITIALIZING wins, in this instance or any other
 * sharing the store; everybody else waits on the provider's state for at most the start budget.
 * The hot path reads a cached projection (no store read while the provider is READY here) and
 * refreshes it from the store whenever it is not enough, or an append lost a race.
 */
public final class EventSourcedLifecycle implements ProviderLifecycle {

    private static final Logger LOG = Logger.getLogger(EventSourcedLifecycle.class.getName());
    private static final String CORRELATION = "lifecycle";
    private static final int COMMAND_ATTEMPTS = 8;
    private static final long MAX_POLL_MILLIS = 200;

    private final ProviderRepository repository;
    private final ProviderLauncher launcher;
    private final LifecycleSettings settings;
    private final RetryBackoff backoff;
    private final Clock clock;
    private final Function<String, UpstreamListener> listeners;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final ExecutorService starts = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    /** What this instance knows and holds of one provider. */
    private static final class Slot {
        final String name;
        final ProviderSpec spec;
        final Object useLock = new Object();
        final Object crashLock = new Object();
        volatile Provider projection;
        volatile Launched launched;
        volatile CompletableFuture<Launched> starting;
        CircuitBreaker breaker;

        Slot(String name, ProviderSpec spec, Provider projection, CircuitBreaker breaker) {
            this.name = name;
            this.spec = spec;
            this.projection = projection;
            this.breaker = breaker;
        }
    }

    /**
     * Registers every configured provider in the store (a no-op when it is registered with the same
     * spec, a config change when the spec differs).
     *
     * @param listeners gives each provider the listener for what it sends outside any request
     */
    public EventSourcedLifecycle(Map<String, ProviderSpec> providers, ProviderRepository repository,
                                 ProviderLauncher launcher, LifecycleSettings settings, RetryBackoff backoff,
                                 Clock clock, Function<String, UpstreamListener> listeners) {
        this.repository = repository;
        this.launcher = launcher;
        this.settings = settings;
        this.backoff = backoff;
        this.clock = clock;
        this.listeners = listeners;
        CircuitBreaker.Policy policy = new CircuitBreaker.Policy(settings.circuitFailureThreshold(),
                settings.circuitResetTimeout());
        providers.forEach((name, spec) -> slots.put(name,
                new Slot(name, spec, register(name, spec), CircuitBreaker.closed(policy))));
    }

    /**
     * How often at most a use of one provider is written: a tenth of its idle TTL, between 1 s and
     * 60 s. A provider used within the window before the collector looks was used less than its idle
     * TTL ago, so it is never stopped.
     */
    public static Duration lastUseWindow(ProviderSpec spec) {
        long millis = spec.idleTtlSeconds() * 100;
        return Duration.ofMillis(Math.max(1_000, Math.min(60_000, millis)));
    }

    // ---- the port ---------------------------------------------------------------------------

    @Override
    public UpstreamSession acquire(String provider) {
        Slot slot = slot(provider);
        UpstreamSession live = liveSession(slot);
        if (live != null && recordUse(slot)) return live;
        return startOrWait(slot);
    }

    /** Guards the call with the provider's circuit breaker; server faults and unreachability count as failures. */
    @Override
    public <T> T call(String provider, Function<UpstreamSession, T> work) {
        Slot slot = slot(provider);
        CircuitBreaker.Admission admission;
        synchronized (slot) {
            admission = slot.breaker.admit(clock.instant());
            slot.breaker = admission.next();
        }
        if (!admission.permitted()) {
            CircuitBreaker open = admission.next();
            throw new CircuitOpenException(provider, open.consecutiveFailures(), open.retryAt(), clock.instant());
        }
        if (admission.decision() == CircuitBreaker.Decision.TRIAL) recordCircuit(slot, new ProviderCommand.HalfOpenCircuit());
        try {
            T result = work.apply(acquire(provider));
            callSucceeded(slot);
            return result;
        } catch (ProviderNotReadyException e) {
            // Still starting is not the provider's fault, but a trial that could not run must not hold the circuit.
            if (admission.decision() == CircuitBreaker.Decision.TRIAL) callFailed(slot);
            throw e;
        } catch (ProviderUnavailableException e) {
            callFailed(slot);
            throw e;
        } catch (UpstreamErrorException e) {
            if (isServerFault(e)) callFailed(slot); else callSucceeded(slot);
            throw e;
        }
    }

    @Override
    public Optional<UpstreamSession> ifRunning(String provider) {
        return Optional.ofNullable(liveSession(slot(provider)));
    }

    @Override
    public String describeState(String provider) {
        Provider p = slot(provider).projection;
        StringBuilder text = new StringBuilder(p.state().name());
        if (p.state() == LifecycleState.DEAD && p.lastError() != null) text.append(" (").append(p.lastError()).append(')');
        if (p.circuit() != CircuitStatus.CLOSED) text.append(", circuit ").append(p.circuit());
        return text.toString();
    }

    /** Stops what this instance launched and records it, so that a shared store does not keep a stale READY. */
    @Override
    public void close() {
        closed = true;
        for (Slot slot : slots.values()) {
            Launched launched = slot.launched;
            if (launched == null) continue;
            slot.launched = null;
            stopQuietly(slot.name, launched);
            if (launched.owned()) {
                try {
                    repository.executeWithRetry(slot.name, new ProviderCommand.Stop(StopReason.MANUAL,
                            "the gateway shut down"), CORRELATION, COMMAND_ATTEMPTS);
                } catch (RuntimeException e) {
                    LOG.fine(() -> "recording the stop of '" + slot.name + "' at shut-down: " + e.getMessage());
                }
            }
        }
        starts.shutdownNow();
    }

    // ---- services for the collector, the health monitor and the management tools -------------

    public List<String> names() {
        return List.copyOf(slots.keySet());
    }

    public ProviderSpec spec(String provider) {
        return slot(provider).spec;
    }

    /** The state this instance last saw, without reading the store. */
    public Provider cached(String provider) {
        return slot(provider).projection;
    }

    /** The state as the store has it now. */
    public Provider refresh(String provider) {
        Slot slot = slot(provider);
        remember(slot, repository.load(provider));
        return slot.projection;
    }

    /** Every provider's state as the store has it now, in config order. */
    public Map<String, Provider> refreshAll() {
        Map<String, Provider> all = new LinkedHashMap<>();
        for (String name : slots.keySet()) all.put(name, refresh(name));
        return all;
    }

    /**
     * Stops a running provider for {@code reason}; false when it was not running. The stop is
     * recorded first (so no caller picks the provider up again), then the process is stopped.
     */
    public boolean stop(String provider, StopReason reason, String detail) {
        return stopWith(slot(provider), new ProviderCommand.Stop(reason, detail));
    }

    /**
     * Stops the provider if its last recorded use is at least its idle TTL ago. The decision and the
     * append run against the store with the expected version, so a use recorded in between wins and
     * the provider keeps running.
     */
    public boolean stopIfIdle(String provider) {
        return stopWith(slot(provider), new ProviderCommand.StopIfIdle());
    }

    /** What this instance runs (or reaches) for the provider, if anything. */
    public Optional<Launched> launchedHere(String provider) {
        return Optional.ofNullable(slot(provider).launched);
    }

    /** Whether this instance's launched provider still runs. */
    Probe probe(String provider, Launched launched) {
        return launcher.probe(provider, launched);
    }

    /** Runs a command against the store and keeps the resulting state. */
    Provider record(String provider, ProviderCommand command) {
        Slot slot = slot(provider);
        CommandResult result = repository.executeWithRetry(provider, command, CORRELATION, COMMAND_ATTEMPTS);
        remember(slot, result.provider());
        return slot.projection;
    }

    /**
     * The provider this instance launched has died ({@code detail} says how): releases it and records
     * a failure stop, so the state says why and the next call starts it again.
     */
    void recordCrash(String provider, Launched launched, String detail) {
        Slot slot = slot(provider);
        // The store learns first and the launched provider is forgotten last: a caller that sees it
        // gone also sees the state that says why.
        synchronized (slot.crashLock) {
            if (slot.launched != launched) return;
            stopQuietly(provider, launched);
            if (launched.owned()) {
                try {
                    remember(slot, repository.executeWithRetry(provider, new ProviderCommand.Stop(StopReason.FAILURE,
                            "crashed: " + detail), CORRELATION, COMMAND_ATTEMPTS).provider());
                    LOG.warning(() -> "provider '" + provider + "' crashed: " + detail + "; the next call starts it again");
                } catch (InvalidTransitionException e) {
                    // It was no longer running in the store (stopped meanwhile): nothing to record.
                    refresh(provider);
                }
            }
            slot.launched = null;
        }
    }

    /**
     * Restarts a DEGRADED provider this instance runs: DEGRADED → INITIALIZING (conditional, like any
     * start), then a fresh launch. Blocks up to the start budget; false when another caller or
     * instance restarted it first.
     */
    boolean restart(String provider) {
        Slot slot = slot(provider);
        CommandResult result;
        try {
            result = repository.execute(provider, new ProviderCommand.RequestStart(), CORRELATION, null);
        } catch (WrongExpectedVersionException e) {
            refresh(provider);
            return false;
        }
        remember(slot, result.provider());
        if (result.appended().isEmpty()) return false;
        Launched old;
        synchronized (slot) {
            old = slot.launched;
            slot.launched = null;
        }
        if (old != null) stopQuietly(provider, old);
        CompletableFuture<Launched> start = beginStart(slot);
        try {
            start.get(settings.startWait().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- starting -----------------------------------------------------------------------------

    private UpstreamSession startOrWait(Slot slot) {
        long deadline = System.nanoTime() + settings.startWait().toNanos();
        long pollMillis = 5;
        while (true) {
            Provider p = refresh(slot.name);
            switch (p.state()) {
                case READY, DEGRADED -> {
                    Launched launched = slot.launched;
                    if (launched != null && launched.session().isOpen()) {
                        recordUse(slot);
                        return launched.session();
                    }
                    if (launched != null) {
                        recordCrash(slot.name, launched, launcher.probe(slot.name, launched).detail());
                        continue;
                    }
                    if (slot.projection.version() != p.version()) continue;
                    if (slot.starting == null) return attach(slot, p);
                }
                case INITIALIZING -> {
                    CompletableFuture<Launched> local = slot.starting;
                    if (local != null) {
                        awaitLocalStart(slot, local, deadline);
                        continue;
                    }
                }
                case COLD, DEAD -> {
                    if (p.state() == LifecycleState.DEAD && p.startRetryAt() != null
                            && clock.instant().isBefore(p.startRetryAt())) {
                        throw new ProviderUnavailableException(slot.name, "it is DEAD after " + p.startAttempts()
                                + " failed start(s) (last error: " + p.lastError() + "); the next start is tried after "
                                + p.startRetryAt());
                    }
                    // The winner waits on its own start, so it sees that start's outcome, not a later state.
                    if (claimStart(slot)) awaitLocalStart(slot, beginStart(slot), deadline);
                    continue;
                }
            }
            // Started elsewhere (another instance, or our own start not yet visible): wait for the state.
            if (System.nanoTime() >= deadline) {
                throw new ProviderNotReadyException(slot.name, slot.projection.state(), settings.startWait());
            }
            waitForChange(slot, Math.min(pollMillis, remainingMillis(deadline)));
            pollMillis = Math.min(MAX_POLL_MILLIS, pollMillis * 2);
        }
    }

    /** The conditional append of COLD/DEAD → INITIALIZING: true for the one caller whose append won. */
    private boolean claimStart(Slot slot) {
        try {
            CommandResult result = repository.execute(slot.name, new ProviderCommand.RequestStart(), CORRELATION, null);
            remember(slot, result.provider());
            return !result.appended().isEmpty();
        } catch (WrongExpectedVersionException e) {
            return false;
        }
    }

    private CompletableFuture<Launched> beginStart(Slot slot) {
        CompletableFuture<Launched> start = new CompletableFuture<>();
        slot.starting = start;
        starts.execute(() -> runStart(slot, start));
        return start;
    }

    private void runStart(Slot slot, CompletableFuture<Launched> start) {
        long began = System.nanoTime();
        Launched launched = null;
        try {
            launched = launcher.start(slot.name, slot.spec, listeners.apply(slot.name));
            if (closed) throw new ProviderUnavailableException(slot.name, "the gateway shut down during the start");
            int tools = countTools(slot.name, launched.session());
            slot.launched = launched;
            remember(slot, repository.executeWithRetry(slot.name, new ProviderCommand.MarkStarted(launched.endpoint(),
                    tools, Duration.ofNanos(System.nanoTime() - began)), CORRELATION, COMMAND_ATTEMPTS).provider());
            start.complete(launched);
        } catch (RuntimeException e) {
            if (launched != null) {
                slot.launched = null;
                stopQuietly(slot.name, launched);
            }
            ProviderUnavailableException failure = e instanceof ProviderUnavailableException u ? u
                    : new ProviderUnavailableException(slot.name, "start failed: " + e, e);
            recordStartFailure(slot, failure.getMessage());
            start.completeExceptionally(failure);
        } finally {
            slot.starting = null;
            synchronized (slot) {
                slot.notifyAll();
            }
        }
    }

    private void recordStartFailure(Slot slot, String error) {
        int attempt = Math.max(1, slot.projection.startAttempts());
        try {
            remember(slot, repository.executeWithRetry(slot.name,
                    new ProviderCommand.MarkStartFailed(error, backoff.delayBefore(attempt)), CORRELATION,
                    COMMAND_ATTEMPTS).provider());
        } catch (RuntimeException e) {
            LOG.warning(() -> "recording the failed start of '" + slot.name + "': " + e.getMessage());
        }
    }

    /** INITIALIZING ends with tools/list answered: the provider speaks MCP and says what it offers. */
    private int countTools(String provider, UpstreamSession session) {
        if (!session.initializeResult().path("capabilities").has("tools")) return 0;
        int count = 0;
        String cursor = null;
        try {
            do {
                ObjectNode params = Json.object();
                if (cursor != null) params.put("cursor", cursor);
                ObjectNode page = session.request("tools/list", params, UpstreamListener.NONE, settings.startWait());
                if (page.get("tools") instanceof ArrayNode tools) count += tools.size();
                cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
            } while (cursor != null);
        } catch (UpstreamErrorException e) {
            LOG.warning(() -> "tools/list of provider '" + provider + "' during its start: " + e.getMessage());
        }
        return count;
    }

    private void awaitLocalStart(Slot slot, CompletableFuture<Launched> start, long deadline) {
        try {
            start.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ProviderNotReadyException(slot.name, LifecycleState.INITIALIZING, settings.startWait());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderUnavailableException u) throw u;
            throw new ProviderUnavailableException(slot.name, "start failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException(slot.name, "interrupted while waiting for its start", e);
        }
    }

    private UpstreamSession attach(Slot slot, Provider p) {
        synchronized (slot) {
            Launched current = slot.launched;
            if (current != null && current.session().isOpen()) return current.session();
            UpstreamSession session = launcher.attach(slot.name, slot.spec, p.endpoint(), listeners.apply(slot.name));
            slot.launched = new Launched(session, p.endpoint(), false);
        }
        recordUse(slot);
        return slot.launched.session();
    }

    // ---- use, stop, circuit -------------------------------------------------------------------

    private UpstreamSession liveSession(Slot slot) {
        Launched launched = slot.launched;
        if (launched == null || !launched.session().isOpen()) return null;
        LifecycleState state = slot.projection.state();
        return state == READY || state == DEGRADED ? launched.session() : null;
    }

    /** Writes a use at most once per window; false when the provider turned out to be stopped meanwhile. */
    private boolean recordUse(Slot slot) {
        Duration window = lastUseWindow(slot.spec);
        if (recentlyUsed(slot.projection, window)) return true;
        synchronized (slot.useLock) {
            if (!recentlyUsed(slot.projection, window)) {
                try {
                    remember(slot, repository.executeWithRetry(slot.name, new ProviderCommand.RecordUse(), CORRELATION,
                            COMMAND_ATTEMPTS).provider());
                } catch (RuntimeException e) {
                    LOG.warning(() -> "recording a use of '" + slot.name + "': " + e.getMessage());
                    return true;
                }
            }
        }
        LifecycleState state = slot.projection.state();
        return state == READY || state == DEGRADED;
    }

    private boolean recentlyUsed(Provider p, Duration window) {
        return p.lastUsedAt() != null && clock.instant().isBefore(p.lastUsedAt().plus(window));
    }

    private boolean stopWith(Slot slot, ProviderCommand command) {
        CommandResult result = repository.executeWithRetry(slot.name, command, CORRELATION, COMMAND_ATTEMPTS);
        remember(slot, result.provider());
        if (result.appended().isEmpty()) return false;
        Launched launched;
        synchronized (slot) {
            launched = slot.launched;
            slot.launched = null;
        }
        if (launched != null) stopQuietly(slot.name, launched);
        return true;
    }

    private void callSucceeded(Slot slot) {
        CircuitStatus before;
        synchronized (slot) {
            before = slot.breaker.status();
            if (before == CircuitStatus.CLOSED && slot.breaker.consecutiveFailures() == 0) return;
            slot.breaker = slot.breaker.onSuccess();
        }
        if (before != CircuitStatus.CLOSED) recordCircuit(slot, new ProviderCommand.CloseCircuit());
    }

    private void callFailed(Slot slot) {
        CircuitBreaker after;
        CircuitStatus before;
        synchronized (slot) {
            before = slot.breaker.status();
            slot.breaker = slot.breaker.onFailure(clock.instant());
            after = slot.breaker;
        }
        if (after.status() == CircuitStatus.OPEN && before != CircuitStatus.OPEN) {
            recordCircuit(slot, new ProviderCommand.OpenCircuit(after.consecutiveFailures(), settings.circuitResetTimeout()));
            LOG.warning(() -> "provider '" + slot.name + "': circuit opened after " + after.consecutiveFailures()
                    + " consecutive failed calls; calls fail fast until " + after.retryAt());
        }
    }

    /** Circuit transitions are recorded for everyone to see; this instance's breaker stays the authority for its calls. */
    private void recordCircuit(Slot slot, ProviderCommand command) {
        try {
            remember(slot, repository.executeWithRetry(slot.name, command, CORRELATION, COMMAND_ATTEMPTS).provider());
        } catch (ProviderCommandRejectedException | WrongExpectedVersionException e) {
            LOG.fine(() -> "circuit of '" + slot.name + "' as recorded differs: " + e.getMessage());
        }
    }

    /** Errors that mean the provider is failing (internal and implementation-defined server errors), not the request. */
    static boolean isServerFault(UpstreamErrorException e) {
        int code = e.error().path("code").asInt(0);
        return code == -32603 || (code >= -32099 && code <= -32000);
    }

    // ---- bookkeeping --------------------------------------------------------------------------

    private Provider register(String name, ProviderSpec spec) {
        try {
            return repository.executeWithRetry(name, new ProviderCommand.Register(spec), CORRELATION, COMMAND_ATTEMPTS)
                    .provider();
        } catch (ProviderCommandRejectedException e) {
            return repository.executeWithRetry(name, new ProviderCommand.ChangeConfig(spec), CORRELATION,
                    COMMAND_ATTEMPTS).provider();
        }
    }

    /** Keeps the newer of the cached and the given state, and wakes callers waiting on it. */
    private void remember(Slot slot, Provider state) {
        synchronized (slot) {
            if (state.version() >= slot.projection.version()) slot.projection = state;
            slot.notifyAll();
        }
    }

    private static void waitForChange(Slot slot, long millis) {
        if (millis <= 0) return;
        synchronized (slot) {
            try {
                slot.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderUnavailableException(slot.name, "interrupted while waiting for its start", e);
            }
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private void stopQuietly(String provider, Launched launched) {
        try {
            launcher.stop(provider, launched);
        } catch (RuntimeException e) {
            LOG.warning(() -> "stopping provider '" + provider + "': " + e.getMessage());
        }
    }

    private Slot slot(String provider) {
        Slot slot = slots.get(provider);
        if (slot == null) throw new ProviderUnavailableException(provider, "no such provider is configured");
        return slot;
    }

    /** For messages and dashboards: the names in config order with their cached states. */
    List<Provider> cachedAll() {
        List<Provider> all = new ArrayList<>();
        slots.values().forEach(s -> all.add(s.projection));
        return all;
    }

    Instant now() {
        return clock.instant();
    }
}
