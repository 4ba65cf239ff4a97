package dev.jetway.aws.ecs;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.aws.dynamodb.DynamoDbEventStore;
import dev.jetway.aws.dynamodb.DynamoDbLocal;
import dev.jetway.core.config.LifecycleSettings;
import dev.jetway.core.domain.provider.CircuitStatus;
import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.domain.provider.Provider;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.domain.resilience.RetryBackoff;
import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.lifecycle.EventSourcedLifecycle;
import dev.jetway.core.lifecycle.IdleProviderCollector;
import dev.jetway.core.lifecycle.ProviderNotReadyException;
import dev.jetway.core.outbox.Sleeper;
import dev.jetway.core.registry.ProviderRepository;
import dev.jetway.core.testing.SettableClock;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.StreamableHttpConnector;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The ECS launcher under the event-sourced lifecycle, with the real SDK against WireMock stubs of
 * the ECS API, DynamoDB Local as the shared store, and a loopback MCP stub as the task's server.
 */
class EcsTaskLauncherTest {

    static final String PROVIDER = "fetch";
    static final ProviderSpec CONTAINER = new ProviderSpec(ProviderMode.CONTAINER, null, null,
            "ghcr.io/example/fetch-mcp:1.2", Map.of("LOG_LEVEL", "debug"), null, 600, 60, 3, null, null);

    final EcsStubs stubs = new EcsStubs();
    final SettableClock clock = new SettableClock(Instant.parse("2026-05-01T10:00:00Z"));
    /** Waiting moves the clock instead of sleeping: start timeouts are tested in no time. */
    final Sleeper movesTheClock = clock::advance;
    final EventStore store = new DynamoDbEventStore(DynamoDbLocal.client(), DynamoDbLocal.newEventTable());
    final List<EventSourcedLifecycle> lifecycles = new ArrayList<>();
    final List<EcsClient> clients = new ArrayList<>();

    @AfterEach
    void tearDown() {
        lifecycles.forEach(EventSourcedLifecycle::close);
        clients.forEach(EcsClient::close);
        stubs.close();
    }

    EcsSettings settings() {
        return new EcsSettings("jetway", List.of("subnet-a", "subnet-b"), List.of("sg-mcp"), false, "jetway-", Map.of(),
                "mcp", stubs.taskPort(), "/mcp", Duration.ofSeconds(120), Duration.ofSeconds(1), "jetway-events");
    }

    EcsTaskLauncher launcher(Duration attemptTimeout) {
        EcsClient client = stubs.client(attemptTimeout);
        clients.add(client);
        return new EcsTaskLauncher(client, settings(), new StreamableHttpConnector(Duration.ofSeconds(5)), clock,
                movesTheClock);
    }

    EventSourcedLifecycle lifecycle(EcsTaskLauncher launcher, Duration startWait, int circuitThreshold) {
        EventSourcedLifecycle lifecycle = new EventSourcedLifecycle(Map.of(PROVIDER, CONTAINER),
                new ProviderRepository(store, clock), launcher,
                new LifecycleSettings(startWait, circuitThreshold, Duration.ofSeconds(30), false),
                RetryBackoff.DEFAULT, clock, name -> UpstreamListener.NONE);
        lifecycles.add(lifecycle);
        return lifecycle;
    }

    EventSourcedLifecycle lifecycle() {
        return lifecycle(launcher(Duration.ofSeconds(5)), Duration.ofSeconds(25), 5);
    }

    @Test
    void twoGatewayInstancesSharingOneStoreStartingTheSameProviderAtOnceRunExactlyOneTask() throws Exception {
        // Given two gateway instances (lifecycles) on one store and a task that is RUNNING at once
        stubs.runTaskReturnsTheTask();
        stubs.describeTasksSays("RUNNING", null);
        EventSourcedLifecycle first = lifecycle();
        EventSourcedLifecycle second = lifecycle();

        // When both acquire the COLD provider at the same moment
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        Future<UpstreamSession> a = callers.submit(() -> { go.await(); return first.acquire(PROVIDER); });
        Future<UpstreamSession> b = callers.submit(() -> { go.await(); return second.acquire(PROVIDER); });
        go.countDown();
        UpstreamSession sessionA = a.get(30, TimeUnit.SECONDS);
        UpstreamSession sessionB = b.get(30, TimeUnit.SECONDS);
        callers.shutdown();

        // Then ECS was asked for one task, and both instances talk to it
        assertThat(stubs.requests("RunTask")).as("one RunTask for one start, whoever else wanted it").hasSize(1);
        assertThat(sessionA.initializeResult().path("serverInfo").path("name").asText()).isEqualTo("fetch-task");
        assertThat(sessionB.initializeResult().path("serverInfo").path("name").asText()).isEqualTo("fetch-task");
        Provider ready = first.refresh(PROVIDER);
        assertThat(ready.state()).isEqualTo(LifecycleState.READY);
        assertThat(ready.endpoint()).as("the URL any instance connects to, and the task to stop")
                .isEqualTo("http://127.0.0.1:" + stubs.taskPort() + "/mcp#" + EcsStubs.TASK_ARN);
        assertThat(ready.toolsCount()).isEqualTo(2);
    }

    @Test
    void runTaskAsksForOneFargateTaskOfTheProvidersTaskDefinitionInTheConfiguredNetwork() {
        stubs.runTaskReturnsTheTask();
        stubs.describeTasksSays("RUNNING", null);
        EcsTaskLauncher launcher = launcher(Duration.ofSeconds(5));
        EventSourcedLifecycle lifecycle = lifecycle(launcher, Duration.ofSeconds(25), 5);

        lifecycle.acquire(PROVIDER);

        JsonNode runTask = stubs.requests("RunTask").get(0);
        long startVersion = startRequestedVersion();
        assertThat(runTask.path("cluster").asText()).isEqualTo("jetway");
        assertThat(runTask.path("taskDefinition").asText()).as("the family jetway-<provider>").isEqualTo("jetway-fetch");
        assertThat(runTask.path("launchType").asText()).isEqualTo("FARGATE");
        assertThat(runTask.path("count").asInt()).isEqualTo(1);
        JsonNode vpc = runTask.path("networkConfiguration").path("awsvpcConfiguration");
        assertThat(vpc.path("subnets").toString()).isEqualTo("[\"subnet-a\",\"subnet-b\"]");
        assertThat(vpc.path("securityGroups").toString()).isEqualTo("[\"sg-mcp\"]");
        assertThat(vpc.path("assignPublicIp").asText()).isEqualTo("DISABLED");
        assertThat(runTask.path("clientToken").asText()).as("derived from the stream version of this start")
                .isEqualTo(launcher.clientToken(PROVIDER, startVersion)).hasSize(64);
        assertThat(runTask.path("startedBy").asText()).isEqualTo("jetway");
        assertThat(runTask.path("group").asText()).isEqualTo("jetway:fetch");
        JsonNode override = runTask.path("overrides").path("containerOverrides").get(0);
        assertThat(override.path("name").asText()).isEqualTo("mcp");
        assertThat(override.path("environment").toString()).as("the provider's env, and PORT for the server to listen on")
                .isEqualTo("[{\"name\":\"LOG_LEVEL\",\"value\":\"debug\"},{\"name\":\"PORT\",\"value\":\""
                        + stubs.taskPort() + "\"}]");
        assertThat(stubs.requests("DescribeTasks").get(0).path("tasks").toString()).contains(EcsStubs.TASK_ARN);
    }

    @Test
    void aRunTaskThatTimesOutIsRetriedWithTheSameClientTokenAndRunsOneTask() {
        // Given ECS answers the first RunTask only after the SDK's attempt timeout
        stubs.ecs.stubFor(stubs.call("RunTask").inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(EcsStubs.ok("{\"tasks\":[],\"failures\":[]}").withFixedDelay(1_500))
                .willSetStateTo("answered"));
        stubs.ecs.stubFor(stubs.call("RunTask").inScenario("slow").whenScenarioStateIs("answered")
                .willReturn(EcsStubs.ok("{\"tasks\":[" + EcsStubs.taskJson("PROVISIONING", null) + "],\"failures\":[]}")));
        stubs.describeTasksSays("RUNNING", null);
        EventSourcedLifecycle lifecycle = lifecycle(launcher(Duration.ofMillis(400)), Duration.ofSeconds(25), 5);

        // When the provider is started
        lifecycle.acquire(PROVIDER);

        // Then the retry carried the first attempt's token, so ECS would run the task only once
        List<JsonNode> runTasks = stubs.requests("RunTask");
        assertThat(runTasks).as("the timed-out attempt and its retry").hasSize(2);
        assertThat(runTasks.get(1).path("clientToken").asText()).as("a retry is the same start: same token")
                .isEqualTo(runTasks.get(0).path("clientToken").asText());
        assertThat(lifecycle.refresh(PROVIDER).state()).isEqualTo(LifecycleState.READY);
    }

    @Test
    void aTaskThatNeverReachesRunningFailsTheStartWithAClearErrorThatTheBackoffAndTheCircuitCount() {
        // Given a task that stays PROVISIONING and a circuit that opens after one failure
        stubs.runTaskReturnsTheTask();
        stubs.describeTasksSays("PROVISIONING", null);
        EventSourcedLifecycle lifecycle = lifecycle(launcher(Duration.ofSeconds(5)), Duration.ofSeconds(25), 1);

        // When a call needs the provider
        assertThatThrownBy(() -> lifecycle.call(PROVIDER, session -> session))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("did not reach RUNNING in time (last status PROVISIONING)")
                .hasMessageContaining("JETWAY_ECS_START_TIMEOUT_S");

        // Then the task was stopped, the provider is DEAD with a backoff, and the circuit opened
        assertThat(stubs.requests("StopTask")).as("a task that failed its start is not left running").hasSize(1);
        assertThat(stubs.requests("StopTask").get(0).path("task").asText()).isEqualTo(EcsStubs.TASK_ARN);
        Provider dead = lifecycle.refresh(PROVIDER);
        assertThat(dead.state()).isEqualTo(LifecycleState.DEAD);
        assertThat(dead.lastError()).contains("did not reach RUNNING");
        assertThat(dead.startRetryAt()).as("the next start waits for the backoff").isAfter(clock.instant());
        assertThat(dead.circuit()).isEqualTo(CircuitStatus.OPEN);
        assertThatThrownBy(() -> lifecycle.acquire(PROVIDER)).hasMessageContaining("DEAD after 1 failed start(s)");
        assertThat(stubs.requests("RunTask")).as("no new task before the backoff is over").hasSize(1);
    }

    @Test
    void aTaskThatStopsBeforeRunningFailsTheStartWithEcsReason() {
        stubs.runTaskReturnsTheTask();
        stubs.describeTasksSays("STOPPED", "CannotPullContainerError: pull access denied");
        EventSourcedLifecycle lifecycle = lifecycle();

        assertThatThrownBy(() -> lifecycle.acquire(PROVIDER))
                .isInstanceOf(EcsTaskStartException.class)
                .hasMessageContaining("stopped before it ran: TaskFailedToStart: CannotPullContainerError: pull access denied");
    }

    @Test
    void runTaskFailuresSayWhatEcsSaid() {
        stubs.stubFor("RunTask", "{\"tasks\":[],\"failures\":[{\"reason\":\"MISSING\",\"detail\":\"no task definition\","
                + "\"arn\":\"arn:aws:ecs:eu-west-1:123456789012:task-definition/jetway-fetch\"}]}");
        EventSourcedLifecycle lifecycle = lifecycle();

        assertThatThrownBy(() -> lifecycle.acquire(PROVIDER))
                .hasMessageContaining("RunTask of task definition 'jetway-fetch' ran no task: MISSING (no task definition)");
    }

    @Test
    void aCallerWhoseStartBudgetRunsOutGetsARetryableErrorWhileTheSameStartGoesOn() throws Exception {
        // Given a task that stays PROVISIONING until the test lets it run, and a 300 ms start budget
        stubs.runTaskReturnsTheTask();
        stubs.describeTasksSays("PROVISIONING", null);
        CountDownLatch provisioned = new CountDownLatch(1);
        EcsClient client = stubs.client(Duration.ofSeconds(5));
        clients.add(client);
        EcsTaskLauncher launcher = new EcsTaskLauncher(client, settings(), new StreamableHttpConnector(Duration.ofSeconds(5)),
                clock, d -> provisioned.await(50, TimeUnit.MILLISECONDS));
        EventSourcedLifecycle lifecycle = lifecycle(launcher, Duration.ofMillis(300), 5);

        // When the first call waits past its budget
        assertThatThrownBy(() -> lifecycle.acquire(PROVIDER)).isInstanceOf(ProviderNotReadyException.class)
                .hasMessageContaining("still INITIALIZING").hasMessageContaining("retry the call in a few seconds");

        // Then the start went on: once the task runs, a retried call gets it, still from one RunTask
        stubs.describeTasksSays("RUNNING", null);
        provisioned.countDown();
        UpstreamSession session = awaitSession(lifecycle);
        assertThat(session.isOpen()).isTrue();
        assertThat(stubs.requests("RunTask")).hasSize(1);
    }

    @Test
    void anIdleProviderIsStoppedWithStopTaskByAnInstanceThatDidNotStartIt() {
        // Given a provider one instance started
        stubs.runTaskReturnsTheTask();
        stubs.describeTasksSays("RUNNING", null);
        lifecycle().acquire(PROVIDER);
        EventSourcedLifecycle collectorInstance = lifecycle();

        // When another instance (the idle-GC function) collects after the idle TTL
        clock.advance(Duration.ofSeconds(CONTAINER.idleTtlSeconds() + 1));
        List<String> stopped = new IdleProviderCollector(collectorInstance).collect();

        // Then the recorded task is stopped
        assertThat(stopped).containsExactly(PROVIDER);
        assertThat(stubs.requests("StopTask")).as("the idle task must not keep running (and billing)").hasSize(1);
        assertThat(stubs.requests("StopTask").get(0).path("task").asText()).isEqualTo(EcsStubs.TASK_ARN);
        assertThat(collectorInstance.refresh(PROVIDER).state()).isEqualTo(LifecycleState.COLD);
    }

    @Test
    void theProbeAsksEcsWhetherTheTaskStillRuns() {
        stubs.runTaskReturnsTheTask();
        stubs.describeTasksSays("RUNNING", null);
        EcsTaskLauncher launcher = launcher(Duration.ofSeconds(5));
        var launched = launcher.start(PROVIDER, CONTAINER, 7, UpstreamListener.NONE);
        assertThat(launcher.probe(PROVIDER, launched).alive()).isTrue();

        stubs.describeTasksSays("STOPPED", "Essential container in task exited");

        assertThat(launcher.probe(PROVIDER, launched).detail())
                .isEqualTo("task " + EcsStubs.TASK_ARN + " is STOPPED: TaskFailedToStart: Essential container in task exited");
    }

    @Test
    void differentStartsHaveDifferentTokensAndTheSameStartTheSameToken() {
        EcsTaskLauncher launcher = launcher(Duration.ofSeconds(5));

        assertThat(launcher.clientToken(PROVIDER, 3)).isEqualTo(launcher.clientToken(PROVIDER, 3))
                .isNotEqualTo(launcher.clientToken(PROVIDER, 9)).isNotEqualTo(launcher.clientToken("other", 3))
                .matches("[0-9a-f]{64}");
    }

    long startRequestedVersion() {
        return store.read("provider#" + PROVIDER, 0).stream().filter(e -> e.eventType().equals("ProviderStartRequested"))
                .reduce((x, y) -> y).orElseThrow().streamVersion();
    }

    static UpstreamSession awaitSession(EventSourcedLifecycle lifecycle) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return lifecycle.acquire(PROVIDER);
            } catch (ProviderNotReadyException e) {
                if (System.nanoTime() > deadline) throw e;
            }
        }
    }

}
