package dev.jetway.core.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Stops providers nobody used for their {@code idle_ttl_s}: READY (or DEGRADED) → COLD with a
 * {@code ProviderStopped} of reason {@code idle}. Each stop is decided against the store and appended
 * with the expected version, so a use recorded in between makes the stop lose and the provider keep
 * running. Run it periodically: a timer in local mode, a scheduled function on AWS.
 */
public final class IdleProviderCollector {

    private static final Logger LOG = Logger.getLogger(IdleProviderCollector.class.getName());

    private final EventSourcedLifecycle lifecycle;

    public IdleProviderCollector(EventSourcedLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** One pass over every provider; returns the names it stopped. One provider's failure does not stop the pass. */
    public List<String> collect() {
        List<String> stopped = new ArrayList<>();
        for (String name : lifecycle.names()) {
            try {
                if (lifecycle.stopIfIdle(name)) {
                    stopped.add(name);
                    LOG.info(() -> "provider '" + name + "' stopped: unused for its idle_ttl_s of "
                            + lifecycle.spec(name).idleTtlSeconds() + " s");
                }
            } catch (RuntimeException e) {
                LOG.warning(() -> "idle check of provider '" + name + "': " + e.getMessage());
            }
        }
        return stopped;
    }
}
