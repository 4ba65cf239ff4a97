package dev.jetway.core.domain.provider;

import java.util.EnumSet;
import java.util.Set;

/**
 * MCP Hangar's provider lifecycle: COLD → INITIALIZING → READY ⇄ DEGRADED → DEAD, with the ways
 * back (READY → COLD on stop or idle, DEGRADED → INITIALIZING on recovery, DEAD → INITIALIZING on
 * retry). Every state may also go to COLD when the provider is stopped or removed.
 */
public enum LifecycleState {
    COLD, INITIALIZING, READY, DEGRADED, DEAD;

    public Set<LifecycleState> successors() {
        return switch (this) {
            case COLD -> EnumSet.of(INITIALIZING);
            case INITIALIZING -> EnumSet.of(READY, DEAD, COLD);
            case READY -> EnumSet.of(DEGRADED, DEAD, COLD);
            case DEGRADED -> EnumSet.of(READY, INITIALIZING, DEAD, COLD);
            case DEAD -> EnumSet.of(INITIALIZING, COLD);
        };
    }

    public boolean canMoveTo(LifecycleState next) {
        return successors().contains(next);
    }

    /** The provider has (or is getting) a running process, task or connection. */
    public boolean isRunning() {
        return this == INITIALIZING || this == READY || this == DEGRADED;
    }
}
