package dev.jetway.core.domain.provider;

import static dev.jetway.core.domain.provider.LifecycleState.COLD;
import static dev.jetway.core.domain.provider.LifecycleState.DEAD;
import static dev.jetway.core.domain.provider.LifecycleState.DEGRADED;
import static dev.jetway.core.domain.provider.LifecycleState.INITIALIZING;
import static dev.jetway.core.domain.provider.LifecycleState.READY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LifecycleStateTest {

    @Test
    void theTransitionsAreMcpHangarsLifecycleWithTheWaysBack() {
        assertThat(COLD.successors()).containsExactlyInAnyOrder(INITIALIZING);
        assertThat(INITIALIZING.successors()).containsExactlyInAnyOrder(READY, DEAD, COLD);
        assertThat(READY.successors()).as("READY ⇄ DEGRADED, back to COLD on stop/idle")
                .containsExactlyInAnyOrder(DEGRADED, DEAD, COLD);
        assertThat(DEGRADED.successors()).as("DEGRADED → INITIALIZING on recovery")
                .containsExactlyInAnyOrder(READY, INITIALIZING, DEAD, COLD);
        assertThat(DEAD.successors()).as("DEAD → INITIALIZING on retry").containsExactlyInAnyOrder(INITIALIZING, COLD);
    }

    @Test
    void aColdProviderCannotJumpStraightToReadyOrDegraded() {
        assertThat(COLD.canMoveTo(READY)).isFalse();
        assertThat(COLD.canMoveTo(DEGRADED)).isFalse();
        assertThat(DEAD.canMoveTo(READY)).as("a dead provider must initialize again").isFalse();
    }
}
