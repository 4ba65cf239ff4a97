package dev.jetway.local;

import dev.jetway.core.config.ConfigException;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.eventstore.ObservedEventStore;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.lifecycle.ConnectorLauncher;
import dev.jetway.core.lifecycle.HealthEndpoints;
import dev.jetway.core.lifecycle.HeapReading;
import dev.jetway.core.lifecycle.LifecycleRuntime;
import dev.jetway.core.mcp.FrontDoor;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.core.security.BindPolicy;
import dev.jetway.core.security.CallerAwareEndpoint;
import dev.jetway.core.security.Redaction;
import dev.jetway.core.security.Redactor;
import dev.jetway.core.security.RemoteDestinationGuard;
import dev.jetway.core.security.SecuredEndpoint;
import dev.jetway.core.telemetry.PrometheusText;
import dev.jetway.core.upstream.StreamableHttpConnector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The local runner's composition root: reads the config, wires the gateway and its providers'
 * lifecycle (an in-memory event store, subprocess and remote launchers), serves the front door and
 * the health endpoints over HTTP, and runs the idle collector, the health checks and the sweep of
 * expired sessions on a timer.
 */
public final class JetwayLocal implements AutoCloseable {

    /** How often the idle collector and the due health checks run. */
    static final Duration JOBS_PERIOD = Duration.ofSeconds(1);

    /** How often expired sessions are dropped from memory (a pass over at most gateway.max_sessions entries). */
    static final Duration SESSION_SWEEP_PERIOD = Duration.ofSeconds(1);

    private final LifecycleRuntime runtime;
    private final Gateway gateway;
    private final LocalHttpServer server;
    private final ScheduledExecutorService jobs;
    private final String endpoint;
    private final LocalTelemetry telemetry;
    private final InMemorySessionStore sessions;

    private JetwayLocal(LifecycleRuntime runtime, LocalHttpServer server, ScheduledExecutorService jobs, String host,
                        LocalTelemetry telemetry, InMemorySessionStore sessions) {
        this.runtime = runtime;
        this.gateway = runtime.gateway();
        this.server = server;
        this.jobs = jobs;
        this.telemetry = telemetry;
        this.sessions = sessions;
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        this.endpoint = "http://" + shownHost + ":" + server.port() + FrontDoor.PATH;
    }

    /** Starts a gateway for the config; port 0 picks a free port. */
    public static JetwayLocal start(GatewayConfig config, String host, int port, Path workingDirectory,
                                    PrintStream log) throws IOException {
        return start(config, host, port, workingDirectory, log, Clock.systemUTC());
    }

    /** As above, with the clock that idle TTLs, health intervals and backoffs are measured on. */
    public static JetwayLocal start(GatewayConfig config, String host, int port, Path workingDirectory,
                                    PrintStream log, Clock clock) throws IOException {
        return start(config, host, port, workingDirectory, log, clock, RemoteDestinationGuard.forSettings(config.security()));
    }

    /** As above, with the guard that remote providers' addresses are checked by (tests give it a clock and a DNS). */
    static JetwayLocal start(GatewayConfig config, String host, int port, Path workingDirectory,
                             PrintStream log, Clock clock, RemoteDestinationGuard destinations) throws IOException {
        return start(config, host, port, workingDirectory, log, clock, destinations, HeapReading::ofThisJvm);
    }

    /** As above, with the heap reading that readiness judges memory pressure by (tests give a fixed one). */
    static JetwayLocal start(GatewayConfig config, String host, int port, Path workingDirectory, PrintStream log,
                             Clock clock, RemoteDestinationGuard destinations, Supplier<HeapReading> heap)
            throws IOException {
        Duration startTimeout = config.settings().requestTimeout();
        LocalLauncher launcher = new LocalLauncher(
                new SubprocessLauncher(new SubprocessConnector(workingDirectory, startTimeout, log::println)),
                new ConnectorLauncher(new StreamableHttpConnector(startTimeout, destinations.asCheck())));
        LocalTelemetry telemetry = LocalTelemetry.start(config.telemetry(), workingDirectory, System.out,
                Redactor.forConfig(config));
        // Domain events reach the JSONL file and the metrics as they are stored.
        EventStore store = new ObservedEventStore(new InMemoryEventStore(), List.of(telemetry.storedEvents()));
        LifecycleRuntime runtime = LifecycleRuntime.create(config, store, launcher, clock);
        InMemorySessionStore sessions = new InMemorySessionStore(config.settings().sessionLimits());
        FrontDoor frontDoor = new FrontDoor(runtime.gateway(), sessions, clock, true,
                telemetry.requestObserver(runtime.gateway()));
        boolean metricsPublic = config.telemetry().metricsPublic();
        CallerAwareEndpoint behindEdge = telemetry.metrics().filter(m -> !metricsPublic)
                .<CallerAwareEndpoint>map(m -> new MetricsEndpoint(frontDoor::handle, m::scrape, config.settings()))
                .orElse(frontDoor::handle);
        SecuredEndpoint edge = SecuredEndpoint.forConfig(config, clock, behindEdge);
        LocalHttpServer server = new LocalHttpServer(edge::handle, host, port, config.settings().maxBodyBytes());
        HealthEndpoints health = new HealthEndpoints(runtime.lifecycle(), heap, config.settings().readinessMaxHeapPercent());
        server.serveHealth(health);
        if (metricsPublic) {
            telemetry.metrics().ifPresent(m -> server.serveText(METRICS_PATH, PrometheusText.CONTENT_TYPE, m::scrape));
        }
        server.start();
        if (config.settings().warmOnStart()) runtime.gateway().warmAll();
        ScheduledExecutorService jobs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "jetway-lifecycle-jobs");
            thread.setDaemon(true);
            return thread;
        });
        jobs.scheduleWithFixedDelay(() -> {
            try {
                runtime.runPeriodicJobs();
            } catch (RuntimeException e) {
                log.println("jetway: lifecycle jobs: " + e.getMessage());
            }
        }, JOBS_PERIOD.toMillis(), JOBS_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        // Expiry alone only hides a session; the sweep is what gives its memory back.
        jobs.scheduleWithFixedDelay(() -> {
            try {
                frontDoor.forgetSessions(sessions.sweepExpired(clock.instant()));
            } catch (RuntimeException e) {
                // A task that throws is never run again: report and keep sweeping.
                log.println("jetway: session sweep: " + e.getMessage());
            }
        }, SESSION_SWEEP_PERIOD.toMillis(), SESSION_SWEEP_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        health.markStarted();
        return new JetwayLocal(runtime, server, jobs, host, telemetry, sessions);
    }

    /**
     * Watches {@code file} (the config this gateway was started with) and applies its providers when
     * it changes: added ones are registered, changed ones restart on next use, removed ones stop.
     */
    public void watchConfig(Path file, GatewayConfig started, PrintStream log) throws IOException {
        ConfigFileWatcher watcher = new ConfigFileWatcher(file, runtime.hotLoad(), started, log::println);
        runtime.sources().relocateConfig(watcher.file().toString());
        jobs.scheduleWithFixedDelay(watcher::poll, CONFIG_POLL.toMillis(), CONFIG_POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How often the watched config file is looked at. */
    static final Duration CONFIG_POLL = Duration.ofMillis(500);

    /**
     * Where the Prometheus metrics are served when {@code telemetry.prometheus} is on: behind the same
     * authentication as the MCP endpoint unless {@code telemetry.metrics_public} is true.
     */
    public static final String METRICS_PATH = "/metrics";

    LocalTelemetry telemetry() {
        return telemetry;
    }

    /** The session-era sessions this gateway holds in memory. */
    InMemorySessionStore sessions() {
        return sessions;
    }

    public String endpoint() {
        return endpoint;
    }

    public Gateway gateway() {
        return gateway;
    }

    /** The lifecycle services: collector, health monitor, health endpoints. */
    public LifecycleRuntime runtime() {
        return runtime;
    }

    /** The base URL of the health endpoints, e.g. {@code http://127.0.0.1:8080/health/ready}. */
    public String healthUrl(String path) {
        return endpoint.substring(0, endpoint.length() - FrontDoor.PATH.length()) + path;
    }

    @Override
    public void close() {
        jobs.shutdownNow();
        server.close();
        runtime.close();
        telemetry.close();
    }

    public static void main(String[] args) throws Exception {
        LocalOptions options;
        GatewayConfig config;
        try {
            options = LocalOptions.parse(args, System.getenv());
            config = ConfigLoader.load(options.config());
            BindPolicy.requireSafe(options.host(), config.security());
            if (config.security().iam() != null) {
                throw new ConfigException(options.config().toString(), "security.iam", "IAM identities are verified by "
                        + "API Gateway's IAM authorizer, which a local gateway does not have, so it could authenticate "
                        + "nobody. Locally, use security.api_keys or security.oauth, or no authentication on 127.0.0.1");
            }
            Redaction.installProcessWide(Redactor.forConfig(config));
        } catch (IllegalArgumentException e) {
            System.err.println("jetway: " + e.getMessage());
            System.err.println(LocalOptions.USAGE);
            System.exit(2);
            return;
        } catch (ConfigException e) {
            System.err.println("jetway: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        JetwayLocal jetway = start(config, options.host(), options.port(), workingDirectory, System.err);
        jetway.watchConfig(options.config(), config, System.err);
        System.err.println("jetway: config " + options.config().toAbsolutePath() + " (watched: edits to providers"
                + " apply without a restart)");
        config.providers().forEach((name, spec) -> System.err.println("jetway: provider " + name
                + " (" + spec.mode().wireName() + ") " + jetway.gateway.describeState(name)
                + (config.settings().warmOnStart() ? ", starting now" : ", starts on first use")
                + ", stops after " + spec.idleTtlSeconds() + " s unused"));
        List<String> managementTools = jetway.gateway.builtInToolNames();
        if (!managementTools.isEmpty()) {
            System.err.println("jetway: management tools " + String.join(", ", managementTools)
                    + " (turn off with gateway.management_tools: false)");
        }
        jetway.telemetry.jsonlFile().ifPresent(f -> System.err.println("jetway: telemetry and events appended to " + f));
        jetway.telemetry.metrics().ifPresent(m -> System.err.println("jetway: Prometheus metrics at "
                + jetway.endpoint().replace(FrontDoor.PATH, METRICS_PATH) + (config.telemetry().metricsPublic()
                        ? " (open to anyone who reaches the port: telemetry.metrics_public)"
                        : " (same authentication as the MCP endpoint; telemetry.metrics_public: true opens it)")));
        System.err.println("jetway: MCP endpoint ready at " + jetway.endpoint()
                + "  (point your MCP client at this URL)");
        System.err.println("jetway: health at " + jetway.healthUrl(HealthEndpoints.READY) + " (also "
                + HealthEndpoints.LIVE + ", " + HealthEndpoints.STARTUP + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            jetway.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
