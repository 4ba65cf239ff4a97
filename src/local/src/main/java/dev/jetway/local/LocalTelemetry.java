package dev.jetway.local;

import dev.jetway.aws.eventbridge.EventBridgePublisher;
import dev.jetway.core.config.TelemetrySettings;
import dev.jetway.core.eventstore.AppendedEventsObserver;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.mcp.RequestObserver;
import dev.jetway.core.security.PublishedEvents;
import dev.jetway.core.security.RedactingEventSink;
import dev.jetway.core.security.Redactor;
import dev.jetway.core.telemetry.EmfSink;
import dev.jetway.core.telemetry.EventBusTelemetrySink;
import dev.jetway.core.telemetry.EventSink;
import dev.jetway.core.telemetry.GatewayMetrics;
import dev.jetway.core.telemetry.JsonlFileSink;
import dev.jetway.core.telemetry.MetricLabels;
import dev.jetway.core.telemetry.RequestTelemetry;
import dev.jetway.core.telemetry.StderrSink;
import dev.jetway.core.telemetry.TelemetryBus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The local runner's telemetry, built from the config's {@code telemetry:} section: a bus in front
 * of the stderr, JSONL, metrics, EMF and EventBridge sinks that are on, the front door's request
 * observer, and an observer of stored events (provider lifecycle) for the JSONL file, the metrics
 * and EMF. Everything written passes through the config's redactor: requests through
 * {@link RedactingEventSink}, stored events as their {@link PublishedEvents published copy}.
 */
final class LocalTelemetry implements AutoCloseable {

    static final String PROXY = "jetway-local";

    /** How often a Heartbeat is emitted (one also goes out at start). */
    static final Duration HEARTBEAT_PERIOD = Duration.ofSeconds(60);

    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "jetway-telemetry-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    private final TelemetryBus bus;
    private final JsonlFileSink jsonl;
    private final GatewayMetrics metrics;
    private final Path jsonlFile;
    private final List<AppendedEventsObserver> storedEventObservers = new ArrayList<>();
    private final Redactor redactor;
    /**
     * The gateway whose registry and catalog say which names metrics may carry as labels; set once the
     * gateway exists (it is built after its telemetry). Until then every name is folded.
     */
    private volatile Gateway labelling;

    private LocalTelemetry(TelemetrySettings settings, Path workingDirectory, PrintStream stdout, Redactor redactor) {
        this.redactor = redactor;
        List<EventSink> sinks = new ArrayList<>();
        if (!settings.enabled()) {
            bus = null;
            jsonl = null;
            jsonlFile = null;
            metrics = null;
            return;
        }
        if (settings.stderr()) sinks.add(StderrSink.stderr());
        jsonlFile = settings.jsonlPath() == null ? null : workingDirectory.resolve(settings.jsonlPath()).normalize();
        jsonl = jsonlFile == null ? null : new JsonlFileSink(jsonlFile);
        if (jsonl != null) {
            sinks.add(jsonl);
            storedEventObservers.add(jsonl);
        }
        if (settings.emf()) {
            EmfSink emf = new EmfSink(stdout, Clock.systemUTC(), PROXY, labels());
            sinks.add(emf);
            storedEventObservers.add(emf);
        }
        if (settings.eventBridgeBus() != null) sinks.add(eventBridge(settings));
        metrics = settings.prometheus() ? new GatewayMetrics(this::dropped, labels()) : null;
        if (metrics != null) {
            sinks.add(metrics);
            storedEventObservers.add(metrics);
        }
        bus = new TelemetryBus(sinks, settings.queueCapacity(), settings.batchSize(), settings.flushInterval());
    }

    /** The providers and tools of the gateway, once it exists, as the names metrics may carry. */
    private MetricLabels labels() {
        return new MetricLabels(this::isKnownProvider, this::isKnownTool);
    }

    private boolean isKnownProvider(String name) {
        Gateway gateway = labelling;
        return gateway != null && gateway.providers().containsKey(name);
    }

    private boolean isKnownTool(String name) {
        Gateway gateway = labelling;
        return gateway != null && gateway.isKnownTool(name);
    }

    /** Read at scrape time, when the bus exists. */
    private long dropped() {
        return bus == null ? 0 : bus.dropped();
    }

    /** @param redactor the config's: what it removes never reaches a sink */
    static LocalTelemetry start(TelemetrySettings settings, Path workingDirectory, PrintStream stdout, Redactor redactor) {
        return new LocalTelemetry(settings, workingDirectory, stdout, redactor);
    }

    /**
     * What the front door tells about every request; nothing when telemetry is off. The gateway's
     * providers and tools become the names metrics label requests with.
     */
    RequestObserver requestObserver(Gateway gateway) {
        labelling = gateway;
        if (bus == null) return RequestObserver.NONE;
        RequestTelemetry requests = new RequestTelemetry(new RedactingEventSink(bus, redactor), Clock.systemUTC(), PROXY,
                gateway::providerOf);
        requests.heartbeat(bus.dropped());
        heartbeats.scheduleAtFixedRate(() -> requests.heartbeat(bus.dropped()), HEARTBEAT_PERIOD.toSeconds(),
                HEARTBEAT_PERIOD.toSeconds(), TimeUnit.SECONDS);
        return requests;
    }

    /**
     * For the event store of the provider lifecycle: the published copies of stored events (provider
     * credentials masked) to the JSONL file, metrics and EMF.
     */
    AppendedEventsObserver storedEvents() {
        List<AppendedEventsObserver> observers = List.copyOf(storedEventObservers);
        return new PublishedEvents(redactor).observing(events -> observers.forEach(o -> o.onAppended(events)));
    }

    Optional<GatewayMetrics> metrics() {
        return Optional.ofNullable(metrics);
    }

    Optional<Path> jsonlFile() {
        return Optional.ofNullable(jsonlFile);
    }

    /** Delivers and flushes what is queued: for tests and tools that read the file. */
    void flush() {
        if (bus != null) bus.flush();
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        if (bus != null) bus.close(Duration.ofSeconds(5));
        if (jsonl != null) jsonl.close();
    }

    private static EventSink eventBridge(TelemetrySettings settings) {
        try {
            return new EventBusTelemetrySink(new EventBridgePublisher(EventBridgePublisher.defaultClient(),
                    settings.eventBridgeBus()), settings.eventBridgeSampleRate(), () -> ThreadLocalRandom.current().nextDouble());
        } catch (SdkException e) {
            throw new IllegalStateException("telemetry.eventbridge needs AWS credentials and a region (AWS_REGION) "
                    + "in the environment: " + e.getMessage(), e);
        }
    }
}
