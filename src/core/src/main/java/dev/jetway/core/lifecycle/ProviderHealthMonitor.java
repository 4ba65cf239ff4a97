package dev.jetway.core.lifecycle;

import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.domain.provider.Provider;
import dev.jetway.core.domain.provider.ProviderCommand.RecordHealthCheck;
import dev.jetway.core.domain.resilience.RetryBackoff;
import dev.jetway.core.json.Json;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamErrorException;
import dev.jetway.core.upstream.UpstreamListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Health checks of the providers this instance runs: first whether the process (or session) is
 * still there — a crash is recorded as a failure stop, and the next call starts the provider again —
 * then an MCP {@code ping}. {@code max_consecutive_failures} failed checks degrade a READY provider;
 * a DEGRADED one that keeps failing is restarted, the restarts spaced by capped exponential backoff.
 */
public final class ProviderHealthMonitor {

    private static final Logger LOG = Logger.getLogger(ProviderHealthMonitor.class.getName());
    private static final int METHOD_NOT_FOUND = -32601;

    private final EventSourcedLifecycle lifecycle;
    private final RetryBackoff recoveryBackoff;
    private final Duration pingTimeout;
    private final Clock clock;
    private final Map<String, Schedule> schedules = new ConcurrentHashMap<>();

    private static final class Schedule {
        Instant lastCheck;
        int recoveries;
        Instant nextRecoveryAt;
    }

    public ProviderHealthMonitor(EventSourcedLifecycle lifecycle, RetryBackoff recoveryBackoff, Duration pingTimeout,
                                 Clock clock) {
        this.lifecycle = lifecycle;
        this.recoveryBackoff = recoveryBackoff;
        this.pingTimeout = pingTimeout;
        this.clock = clock;
    }

    /**
     * Checks each provider running here whose {@code health_check_interval_s} has passed since its
     * last check (the first check comes one interval after the monitor first sees it running).
     */
    public List<HealthCheckResult> checkDue() {
        List<HealthCheckResult> results = new ArrayList<>();
        Instant now = clock.instant();
        for (String name : lifecycle.names()) {
            if (lifecycle.launchedHere(name).isEmpty()) continue;
            Schedule schedule = schedules.computeIfAbsent(name, n -> new Schedule());
            Duration interval = Duration.ofSeconds(lifecycle.spec(name).healthCheckIntervalSeconds());
            if (schedule.lastCheck == null) {
                schedule.lastCheck = now;
                continue;
            }
            if (now.isBefore(schedule.lastCheck.plus(interval))) continue;
            results.add(check(name));
        }
        return results;
    }

    /** Checks every provider now, running or not (the ones not running here report NOT_RUNNING). */
    public List<HealthCheckResult> checkAll() {
        List<HealthCheckResult> results = new ArrayList<>();
        for (String name : lifecycle.names()) results.add(check(name));
        return results;
    }

    /** Checks one provider now. */
    public HealthCheckResult check(String provider) {
        Optional<Launched> here = lifecycle.launchedHere(provider);
        if (here.isEmpty()) {
            return new HealthCheckResult(provider, HealthCheckResult.Outcome.NOT_RUNNING,
                    lifecycle.cached(provider).state(), "not running in this gateway instance");
        }
        Launched launched = here.get();
        Schedule schedule = schedules.computeIfAbsent(provider, n -> new Schedule());
        schedule.lastCheck = clock.instant();
        Probe probe = lifecycle.probe(provider, launched);
        if (!probe.alive()) return crashed(provider, launched, probe.detail());
        try {
            launched.session().request("ping", Json.object(), UpstreamListener.NONE, pingTimeout);
            return passed(provider, schedule, "ping answered");
        } catch (UpstreamErrorException e) {
            // An error answer still proves the provider is there; only a server fault counts against it.
            if (e.error().path("code").asInt() == METHOD_NOT_FOUND) return passed(provider, schedule, "answers (no ping)");
            return failed(provider, schedule, e.getMessage());
        } catch (ProviderUnavailableException e) {
            Probe again = lifecycle.probe(provider, launched);
            if (!again.alive()) return crashed(provider, launched, again.detail());
            return failed(provider, schedule, e.getMessage());
        }
    }

    private HealthCheckResult crashed(String provider, Launched launched, String detail) {
        lifecycle.recordCrash(provider, launched, detail);
        return new HealthCheckResult(provider, HealthCheckResult.Outcome.CRASHED, lifecycle.cached(provider).state(), detail);
    }

    private HealthCheckResult passed(String provider, Schedule schedule, String detail) {
        schedule.recoveries = 0;
        schedule.nextRecoveryAt = null;
        Provider p = lifecycle.record(provider, RecordHealthCheck.pass());
        return new HealthCheckResult(provider, HealthCheckResult.Outcome.PASSED, p.state(), detail);
    }

    private HealthCheckResult failed(String provider, Schedule schedule, String error) {
        Provider p = lifecycle.record(provider, RecordHealthCheck.fail(error));
        if (p.state() != LifecycleState.DEGRADED) {
            return new HealthCheckResult(provider, HealthCheckResult.Outcome.FAILED, p.state(), error);
        }
        Instant now = clock.instant();
        if (schedule.nextRecoveryAt == null) {
            schedule.nextRecoveryAt = now.plus(recoveryBackoff.delayBefore(schedule.recoveries + 1));
        }
        if (now.isBefore(schedule.nextRecoveryAt)) {
            return new HealthCheckResult(provider, HealthCheckResult.Outcome.FAILED, p.state(),
                    error + "; restart not before " + schedule.nextRecoveryAt);
        }
        schedule.recoveries++;
        schedule.nextRecoveryAt = now.plus(recoveryBackoff.delayBefore(schedule.recoveries + 1));
        LOG.warning(() -> "provider '" + provider + "' is DEGRADED (" + error + "); restart attempt " + schedule.recoveries);
        boolean restarted = lifecycle.restart(provider);
        Provider after = lifecycle.cached(provider);
        return new HealthCheckResult(provider, restarted ? HealthCheckResult.Outcome.RESTARTED
                : HealthCheckResult.Outcome.FAILED, after.state(), restarted ? "restarted after: " + error
                : "restart failed: " + (after.lastError() == null ? error : after.lastError()));
    }
}
