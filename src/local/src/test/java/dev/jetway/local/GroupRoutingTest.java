package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.domain.provider.CircuitStatus;
import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.gateway.ListKind;
import dev.jetway.core.json.Json;
import dev.jetway.core.lifecycle.LifecycleRuntime;
import dev.jetway.core.testing.SettableClock;
import dev.jetway.core.upstream.UpstreamErrorException;
import dev.jetway.core.upstream.UpstreamListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group of two real flaky providers (fixtures/flaky-server.mjs, stdio children that fail on
 * demand and say their name in each answer) behind the gateway; time moves by hand.
 */
class GroupRoutingTest {

    @TempDir
    Path dir;
    final SettableClock clock = SettableClock.at("2026-11-21T10:00:00Z");
    final CountingLauncher launcher = CountingLauncher.subprocesses();
    LifecycleRuntime runtime;

    void start(String strategy, int minHealthy) throws IOException {
        Files.writeString(control("primary"), "ok");
        Files.writeString(control("backup"), "ok");
        runtime = LifecycleRuntime.create(ConfigLoader.parse("""
                gateway: {background_discovery: false, circuit_failure_threshold: 2, circuit_reset_s: 30}
                providers:
                  primary: %s
                  backup: %s
                  pair:
                    mode: group
                    strategy: %s
                    min_healthy: %d
                    members:
                      - {name: primary, priority: 0}
                      - {name: backup, priority: 1}
                """.formatted(member("primary"), member("backup"), strategy, minHealthy), "test.yaml"),
                new InMemoryEventStore(), launcher, clock);
    }

    String member(String name) {
        return "{mode: subprocess, command: [node, \"%s\"], env: {FLAKY_CONTROL: \"%s\", FLAKY_NAME: %s}}"
                .formatted(TestTools.fixture("flaky-server.mjs"), control(name), name);
    }

    Path control(String member) {
        return dir.resolve(member + ".control");
    }

    void set(String member, String mode) throws IOException {
        Files.writeString(control(member), mode);
    }

    @AfterEach
    void stop() {
        if (runtime != null) runtime.close();
    }

    ObjectNode callGroup() {
        return runtime.gateway().route("tools/call", (ObjectNode) Json.parse("{\"name\":\"pair__work\"}"),
                UpstreamListener.NONE);
    }

    String answerer() {
        String text = callGroup().at("/content/0/text").asText();
        return text.substring(0, text.indexOf(' '));
    }

    @Test
    void theGroupListsItsMembersToolsUnderItsOwnPrefixOnceAMemberListed() throws IOException {
        start("priority", 1);
        assertThat(providerTools()).as("nothing listed yet").isEmpty();

        callGroup();

        List<String> names = providerTools();
        assertThat(names).as("a member's tools under its own name and under the group's").contains("primary__work",
                "pair__work");
        JsonNode groupTool = null;
        for (JsonNode t : runtime.gateway().list(ListKind.TOOLS).get("tools")) {
            if (t.get("name").asText().equals("pair__work")) groupTool = t;
        }
        assertThat(groupTool.get("description").asText()).isEqualTo("answers, or fails on demand");
    }

    List<String> providerTools() {
        List<String> names = new ArrayList<>();
        runtime.gateway().list(ListKind.TOOLS).get("tools").forEach(t -> names.add(t.get("name").asText()));
        names.removeIf(name -> name.startsWith("registry_"));
        return names;
    }

    @Test
    void whenThePreferredMembersCircuitOpensCallsFailOverAndFailBackAfterItsTrialSucceeds() throws IOException {
        start("priority", 1);
        assertThat(answerer()).isEqualTo("primary");
        set("primary", "fail");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(this::callGroup).as("an error the member answered is the answer, not a failover")
                    .isInstanceOf(UpstreamErrorException.class).hasMessageContaining("failing on demand");
        }
        assertThat(runtime.lifecycle().refresh("primary").circuit()).isEqualTo(CircuitStatus.OPEN);

        assertThat(answerer()).as("the open circuit takes the primary out of the group").isEqualTo("backup");
        assertThat(answerer()).isEqualTo("backup");

        set("primary", "ok");
        clock.advance(Duration.ofSeconds(30));
        assertThat(answerer()).as("failback: the trial call goes to the preferred member again").isEqualTo("primary");
        assertThat(runtime.lifecycle().refresh("primary").circuit()).isEqualTo(CircuitStatus.CLOSED);
        assertThat(answerer()).isEqualTo("primary");
        Streams.assertReplayReproducesEveryState(runtime, clock);
    }

    @Test
    void whenAMemberDiesAndCannotBeStartedAgainTheSameCallIsMadeOnTheOtherMember() throws IOException {
        start("priority", 1);
        assertThat(answerer()).isEqualTo("primary");
        long pid = ((SubprocessSession) runtime.lifecycle().launchedHere("primary").orElseThrow().session()).pid();
        set("primary", "exit");
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());

        assertThat(answerer()).as("the restart of the dead primary failed; the call went to the backup")
                .isEqualTo("backup");
        assertThat(runtime.lifecycle().refresh("primary").state()).isEqualTo(LifecycleState.DEAD);
        assertThat(answerer()).as("a member waiting out its start backoff is skipped").isEqualTo("backup");
        assertThat(Streams.types(runtime.store(), "primary")).containsSubsequence("ProviderStarted", "ProviderStopped",
                "ProviderStartRequested", "ProviderStartFailed");
    }

    @Test
    void withFewerSelectableMembersThanMinHealthyTheCallFailsNamingEveryMember() throws IOException {
        start("round_robin", 2);
        callGroup();
        callGroup();
        set("backup", "fail");
        for (int i = 0; i < 4; i++) {
            try {
                callGroup();
            } catch (UpstreamErrorException expected) {
                // the backup's failures open its circuit; the primary's answers are fine
            }
        }
        assertThat(runtime.lifecycle().refresh("backup").circuit()).isEqualTo(CircuitStatus.OPEN);

        ObjectNode refused = callGroup();

        assertThat(refused.path("isError").asBoolean()).isTrue();
        assertThat(refused.at("/content/0/text").asText()).contains("group 'pair' is unavailable",
                "1 of 2 member(s) selectable, min_healthy is 2", "primary (READY, circuit CLOSED)",
                "backup (READY, circuit OPEN)");
    }

    @Test
    void registryListShowsTheGroupWithItsMembersStates() throws IOException {
        start("priority", 1);
        callGroup();
        ObjectNode listed = runtime.gateway().route("tools/call",
                (ObjectNode) Json.parse("{\"name\":\"registry_list\"}"), UpstreamListener.NONE);
        JsonNode pair = null;
        for (JsonNode p : listed.at("/structuredContent/providers")) if (p.get("name").asText().equals("pair")) pair = p;
        assertThat(pair.get("mode").asText()).isEqualTo("group");
        assertThat(pair.get("strategy").asText()).isEqualTo("priority");
        assertThat(pair.at("/members/0/name").asText()).isEqualTo("primary");
        assertThat(pair.at("/members/0/state").asText()).isEqualTo("READY");
        assertThat(pair.at("/members/1/state").asText()).isEqualTo("COLD");
    }
}
