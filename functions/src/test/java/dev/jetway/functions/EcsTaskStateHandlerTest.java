package dev.jetway.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.jetway.aws.ecs.EcsStubs;
import dev.jetway.aws.ecs.EcsTaskEvents;
import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.domain.provider.Provider;
import dev.jetway.core.domain.provider.ProviderCommand;
import dev.jetway.core.lifecycle.LifecycleRuntime;
import dev.jetway.core.registry.ProviderRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EcsTaskStateHandlerTest {

    final LifecycleFunctions fx = new LifecycleFunctions();

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    EcsTaskStateHandler handler() {
        return new EcsTaskStateHandler(new EcsTaskEvents(fx.instance().lifecycle(), fx.ecsSettings()),
                fx.metrics("ecs-task-state"));
    }

    String handle(String sample) {
        return handler().handleRequest(LifecycleFunctions.event(sample, ScheduledEvent.class),
                new InvocationContext("req-1"));
    }

    @Test
    void aTaskThatStopsUnderAReadyProviderIsRecordedAsAFailureStopWithEcsReason() {
        LifecycleRuntime gateway = fx.instance();
        gateway.lifecycle().acquire("fetch");

        String outcome = handle("ecs-task-stopped.json");

        assertThat(outcome).isEqualTo("STOP_RECORDED");
        Provider dead = gateway.lifecycle().refresh("fetch");
        assertThat(dead.state()).as("the next call starts it again").isEqualTo(LifecycleState.DEAD);
        assertThat(dead.lastError()).isEqualTo("task " + EcsStubs.TASK_ARN
                + " stopped: EssentialContainerExited: Essential container in task exited");
        assertThat(fx.emfLines()).contains("\"TaskStopsRecorded\":1");
    }

    @Test
    void aStopOfATaskTheProviderNoLongerRunsChangesNothing() {
        // The provider is COLD (never started): a stop event for some task of its group is history.
        assertThat(handle("ecs-task-stopped.json")).isEqualTo("IGNORED");
        assertThat(fx.instance().lifecycle().refresh("fetch").state()).isEqualTo(LifecycleState.COLD);
    }

    @Test
    void aTaskThatReachesRunningWhileItsProviderIsInitializingIsProbedAndRecordedReady() {
        // Given a start was claimed by an instance that froze before it could finish it
        fx.instance();
        new ProviderRepository(fx.store, fx.clock).execute("fetch", new ProviderCommand.RequestStart(), "test", null);

        String outcome = handle("ecs-task-running.json");

        assertThat(outcome).isEqualTo("START_CONFIRMED");
        Provider ready = fx.instance().lifecycle().refresh("fetch");
        assertThat(ready.state()).isEqualTo(LifecycleState.READY);
        assertThat(ready.endpoint()).isEqualTo("http://127.0.0.1:" + fx.ecs.taskPort() + "/mcp#" + EcsStubs.TASK_ARN);
        assertThat(ready.toolsCount()).as("tools/list answered during the probe").isEqualTo(2);
    }

    @Test
    void tasksJetwayDidNotRunAreIgnored() {
        fx.instance();
        new ProviderRepository(fx.store, fx.clock).execute("fetch", new ProviderCommand.RequestStart(), "test", null);

        assertThat(handle("ecs-task-running-not-jetway.json")).isEqualTo("IGNORED");
        assertThat(fx.instance().lifecycle().refresh("fetch").state()).isEqualTo(LifecycleState.INITIALIZING);
    }
}
