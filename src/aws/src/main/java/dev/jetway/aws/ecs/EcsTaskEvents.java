package dev.jetway.aws.ecs;

import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.domain.provider.Provider;
import dev.jetway.core.domain.provider.StopReason;
import dev.jetway.core.lifecycle.EventSourcedLifecycle;
import dev.jetway.core.upstream.ProviderUnavailableException;
import java.util.logging.Logger;

/**
 * Keeps the providers' recorded state true to their tasks: a task that stops while its provider is
 * READY or DEGRADED on it is a failure stop (with ECS's reason); a task that reaches RUNNING while
 * its provider is still INITIALIZING is probed over MCP and recorded READY, which finishes a start
 * whose launcher could not (a function frozen once its caller got the "still starting" answer).
 */
public final class EcsTaskEvents {

    private static final Logger LOG = Logger.getLogger(EcsTaskEvents.class.getName());

    public enum Outcome {
        /** Not a Jetway task, an unknown provider, or a state change that needs nothing. */
        IGNORED,
        /** The provider's current task stopped: a failure stop was recorded. */
        STOP_RECORDED,
        /** The task answered MCP and the provider was recorded READY. */
        START_CONFIRMED,
        /** The task runs but does not answer MCP yet; its launcher or a later call finishes the start. */
        NOT_ANSWERING
    }

    private final EventSourcedLifecycle lifecycle;
    private final EcsSettings settings;

    public EcsTaskEvents(EventSourcedLifecycle lifecycle, EcsSettings settings) {
        this.lifecycle = lifecycle;
        this.settings = settings;
    }

    public Outcome apply(TaskStateChange change) {
        String provider = change.provider();
        if (provider == null || !lifecycle.names().contains(provider)) return Outcome.IGNORED;
        return switch (change.lastStatus()) {
            case EcsTasks.STOPPED -> stopped(provider, change);
            case EcsTasks.RUNNING -> running(provider, change);
            default -> Outcome.IGNORED;
        };
    }

    private Outcome stopped(String provider, TaskStateChange change) {
        Provider p = lifecycle.refresh(provider);
        boolean current = TaskEndpoint.parse(p.endpoint()).map(t -> t.taskArn().equals(change.taskArn())).orElse(false);
        // A stop Jetway asked for was recorded before StopTask; an older task's stop is history.
        if (!current || (p.state() != LifecycleState.READY && p.state() != LifecycleState.DEGRADED)) return Outcome.IGNORED;
        boolean stopped = lifecycle.stop(provider, StopReason.FAILURE, change.stopDetail());
        LOG.warning(() -> "provider '" + provider + "': " + change.stopDetail());
        return stopped ? Outcome.STOP_RECORDED : Outcome.IGNORED;
    }

    private Outcome running(String provider, TaskStateChange change) {
        if (change.privateIp() == null || lifecycle.refresh(provider).state() != LifecycleState.INITIALIZING) {
            return Outcome.IGNORED;
        }
        String endpoint = new TaskEndpoint("http://" + change.privateIp() + ":" + settings.portFor(provider)
                + settings.pathFor(provider), change.taskArn()).text();
        try {
            return lifecycle.confirmStarted(provider, endpoint, change.startupDuration())
                    ? Outcome.START_CONFIRMED : Outcome.IGNORED;
        } catch (ProviderUnavailableException e) {
            LOG.info(() -> "provider '" + provider + "': task " + change.taskArn() + " runs but " + e.getMessage());
            return Outcome.NOT_ANSWERING;
        }
    }
}
