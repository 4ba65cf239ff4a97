package dev.jetway.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.jetway.aws.ecs.EcsStubs;
import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.lifecycle.LifecycleRuntime;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleGcHandlerTest {

    final LifecycleFunctions fx = new LifecycleFunctions();

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void aScheduledRunStopsTheTaskOfAContainerProviderUnusedForItsIdleTtl() {
        // Given a gateway instance started the container provider
        LifecycleRuntime gateway = fx.instance();
        gateway.lifecycle().acquire("fetch");
        IdleGcHandler handler = new IdleGcHandler(fx.instance(), fx.metrics("idle-gc"));

        // When the schedule fires after the idle TTL
        fx.clock.advance(Duration.ofSeconds(601));
        var stopped = handler.handleRequest(LifecycleFunctions.event("idle-gc-schedule.json", ScheduledEvent.class),
                new InvocationContext("req-1"));

        // Then its task is stopped and the state says COLD
        assertThat(stopped).containsExactly("fetch");
        assertThat(fx.ecs.requests("StopTask")).hasSize(1);
        assertThat(fx.ecs.requests("StopTask").get(0).path("task").asText()).isEqualTo(EcsStubs.TASK_ARN);
        assertThat(gateway.lifecycle().refresh("fetch").state()).isEqualTo(LifecycleState.COLD);
        assertThat(fx.emfLines()).contains("\"function\":\"idle-gc\"").contains("\"IdleStops\":1")
                .contains("\"ColdStart\":1");
    }

    @Test
    void aProviderUsedWithinItsIdleTtlKeepsRunning() {
        fx.instance().lifecycle().acquire("fetch");
        IdleGcHandler handler = new IdleGcHandler(fx.instance(), fx.metrics("idle-gc"));

        fx.clock.advance(Duration.ofSeconds(599));
        var stopped = handler.handleRequest(LifecycleFunctions.event("idle-gc-schedule.json", ScheduledEvent.class),
                new InvocationContext("req-2"));

        assertThat(stopped).isEmpty();
        assertThat(fx.ecs.requests("StopTask")).as("a task in use is never stopped").isEmpty();
        assertThat(fx.emfLines()).contains("\"IdleStops\":0");
    }
}
