package dev.jetway.core.lifecycle;

import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.resilience.RetryBackoff;
import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.gateway.BuiltInTools;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.ledger.InMemorySchemaVersionStore;
import dev.jetway.core.ledger.SchemaLedger;
import dev.jetway.core.ledger.SchemaVersionStore;
import dev.jetway.core.registry.ProviderRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway with its providers' lives wired up: one event-sourced lifecycle, the idle collector,
 * the health monitor and (unless turned off) the management tools. Each runtime's composition root
 * (local, Lambda) builds one, drives the periodic parts its own way and serves the health endpoints
 * where its runtime has them.
 */
public final class LifecycleRuntime implements AutoCloseable {

    /** Longest a health ping waits, whatever the request timeout. */
    static final Duration MAX_PING_TIMEOUT = Duration.ofSeconds(10);

    private final Gateway gateway;
    private final EventStore store;
    private final EventSourcedLifecycle lifecycle;
    private final IdleProviderCollector collector;
    private final ProviderHealthMonitor health;
    private final ProviderSources sources = new ProviderSources();
    private final HotLoad hotLoad;

    private LifecycleRuntime(Gateway gateway, EventStore store, EventSourcedLifecycle lifecycle, Clock clock,
                             RetryBackoff backoff) {
        this.gateway = gateway;
        this.store = store;
        this.lifecycle = lifecycle;
        this.collector = new IdleProviderCollector(lifecycle);
        Duration requestTimeout = gateway.config().settings().requestTimeout();
        this.health = new ProviderHealthMonitor(lifecycle, backoff,
                requestTimeout.compareTo(MAX_PING_TIMEOUT) < 0 ? requestTimeout : MAX_PING_TIMEOUT, clock);
        java.time.Instant now = clock.instant();
        gateway.providers().keySet().forEach(name -> sources.put(name,
                new ProviderSources.Source(ProviderSources.Kind.CONFIG, "configuration", now)));
        this.hotLoad = new HotLoad(lifecycle, gateway, sources, clock);
        if (gateway.config().settings().lifecycle().managementTools()) {
            gateway.serveBuiltInTools(BuiltInTools.combined(List.of(
                    new RegistryTools(lifecycle, health, gateway::warm, clock),
                    new SchemaTools(gateway),
                    new PinTools(gateway),
                    new InvokeTools(gateway, requestTimeout, duration -> Thread.sleep(duration)),
                    new DiscoveryTools(gateway, sources),
                    new HotLoadTools(hotLoad))));
        }
    }

    public static LifecycleRuntime create(GatewayConfig config, EventStore store, ProviderLauncher launcher, Clock clock) {
        return create(config, store, launcher, clock, RetryBackoff.DEFAULT);
    }

    public static LifecycleRuntime create(GatewayConfig config, EventStore store, ProviderLauncher launcher, Clock clock,
                                          RetryBackoff backoff) {
        return create(config, store, new InMemorySchemaVersionStore(), launcher, clock, backoff);
    }

    /**
     * @param schemas where the schema ledger keeps versions (in memory locally, the DynamoDB table on AWS)
     */
    public static LifecycleRuntime create(GatewayConfig config, EventStore store, SchemaVersionStore schemas,
                                          ProviderLauncher launcher, Clock clock, RetryBackoff backoff) {
        AtomicReference<EventSourcedLifecycle> built = new AtomicReference<>();
        Gateway gateway = new Gateway(config, listeners -> {
            EventSourcedLifecycle lifecycle = new EventSourcedLifecycle(config.providers(),
                    new ProviderRepository(store, clock), launcher, config.settings().lifecycle(), backoff, clock, listeners);
            built.set(lifecycle);
            return lifecycle;
        }, new SchemaLedger(schemas, clock), store, clock);
        return new LifecycleRuntime(gateway, store, built.get(), clock, backoff);
    }

    public Gateway gateway() {
        return gateway;
    }

    /** The event store the providers' streams live in (for rebuilds and inspection). */
    public EventStore store() {
        return store;
    }

    public EventSourcedLifecycle lifecycle() {
        return lifecycle;
    }

    public IdleProviderCollector collector() {
        return collector;
    }

    public ProviderHealthMonitor health() {
        return health;
    }

    /** Adds, changes and removes providers while the gateway runs. */
    public HotLoad hotLoad() {
        return hotLoad;
    }

    /** Where each provider came from, for {@code registry_sources}. */
    public ProviderSources sources() {
        return sources;
    }

    /** One round of the periodic jobs: idle collection, then the health checks that are due. */
    public void runPeriodicJobs() {
        collector.collect();
        health.checkDue();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
