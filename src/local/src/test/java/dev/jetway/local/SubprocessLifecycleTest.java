package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.json.Json;
import dev.jetway.core.lifecycle.HealthCheckResult;
import dev.jetway.core.lifecycle.LifecycleRuntime;
import dev.jetway.core.upstream.UpstreamListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle with real child processes: server-everything from npm behind the gateway. */
class SubprocessLifecycleTest {

    final Clock clock = Clock.systemUTC();
    final CountingLauncher launcher = CountingLauncher.subprocesses();
    LifecycleRuntime runtime;

    @BeforeEach
    void start() {
        runtime = LifecycleRuntime.create(ConfigLoader.parse("""
                gateway: {background_discovery: false}
                providers:
                  everything:
                    mode: subprocess
                    command: [node, "%s", stdio]
                """.formatted(TestTools.serverEverything()), "test.yaml"), new InMemoryEventStore(), launcher, clock);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    ObjectNode echo(String message) {
        return runtime.gateway().route("tools/call", (ObjectNode) Json.parse(
                "{\"name\":\"everything__echo\",\"arguments\":{\"message\":\"" + message + "\"}}"), UpstreamListener.NONE);
    }

    static long everythingProcesses() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("server-everything")).count();
    }

    @Test
    void sixteenConcurrentFirstCallsToAColdSubprocessProviderStartOneProcessAndAllSucceed() throws Exception {
        int callers = 16;
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ObjectNode>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                String message = "caller " + i;
                results.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return echo(message);
                }));
            }
            ready.await();
            go.countDown();
            for (int i = 0; i < callers; i++) {
                ObjectNode result = results.get(i).get(60, TimeUnit.SECONDS);
                assertThat(result.path("isError").asBoolean()).as("caller %d: %s", i, result).isFalse();
                assertThat(result.at("/content/0/text").asText()).as("caller %d's own answer", i).contains("caller " + i);
            }
        }

        assertThat(launcher.starts.get()).as("processes the launcher started").isEqualTo(1);
        assertThat(everythingProcesses()).as("server-everything children of this JVM").isEqualTo(1);
        assertThat(Streams.types(runtime.store(), "everything"))
                .as("one start in the stream; the start counts as the use of this last-use window")
                .containsExactly("ProviderRegistered", "ProviderStartRequested", "ProviderStarted");
        Streams.assertReplayReproducesEveryState(runtime, clock);
    }

    @Test
    void aKilledProviderProcessIsNoticedAndRecordedAndTheNextCallStartsItAgain() throws Exception {
        echo("first");
        SubprocessSession child = (SubprocessSession) runtime.lifecycle().launchedHere("everything").orElseThrow().session();
        ProcessHandle process = ProcessHandle.of(child.pid()).orElseThrow();

        process.destroyForcibly();
        process.onExit().get(10, TimeUnit.SECONDS);
        HealthCheckResult check = runtime.health().check("everything");

        assertThat(check.outcome()).isEqualTo(HealthCheckResult.Outcome.CRASHED);
        assertThat(check.state()).as("a crash is a failure stop").isEqualTo(LifecycleState.DEAD);
        JsonNode stopped = Streams.lastData(runtime.store(), "everything", "ProviderStopped");
        assertThat(stopped.path("reason").asText()).isEqualTo("failure");
        assertThat(stopped.path("detail").asText()).as("the event says why").contains("crashed", "exited with status");

        ObjectNode again = echo("second");

        assertThat(again.at("/content/0/text").asText()).contains("second");
        assertThat(launcher.starts.get()).as("a new process for the next call").isEqualTo(2);
        assertThat(runtime.lifecycle().cached("everything").state()).isEqualTo(LifecycleState.READY);
        assertThat(everythingProcesses()).isEqualTo(1);
        Streams.assertReplayReproducesEveryState(runtime, clock);
    }

    @Test
    void aProcessThatDiedIsNoticedByTheNextCallEvenBeforeAHealthCheck() throws Exception {
        echo("first");
        SubprocessSession child = (SubprocessSession) runtime.lifecycle().launchedHere("everything").orElseThrow().session();
        ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();
        ProcessHandle.of(child.pid()).ifPresent(p -> p.onExit().join());
        assertThat(child.isOpen()).as("a session whose process exited is closed").isFalse();

        ObjectNode again = echo("second");

        assertThat(again.at("/content/0/text").asText()).contains("second");
        assertThat(Streams.types(runtime.store(), "everything")).as("crash recorded, then a new start")
                .containsSubsequence("ProviderStarted", "ProviderStopped", "ProviderStartRequested", "ProviderStarted");
        assertThat(Streams.lastData(runtime.store(), "everything", "ProviderStopped").path("detail").asText())
                .contains("crashed");
    }
}
