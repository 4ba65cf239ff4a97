package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Providers added, changed and removed while a real local gateway runs: by editing its config file, and by tools. */
class HotLoadTest {

    @TempDir
    Path dir;
    Path configFile;
    JetwayLocal jetway;
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    final HttpClient http = HttpClient.newHttpClient();
    String session;
    int ids;

    @AfterEach
    void stop() {
        if (jetway != null) jetway.close();
    }

    String provider(String name) {
        return """
                  %s:
                    mode: subprocess
                    command: [node, "%s"]
                    env: {FLAKY_NAME: %s}
                    tools: [{name: work, inputSchema: {type: object}}]
                """.formatted(name, TestTools.fixture("flaky-server.mjs"), name);
    }

    void writeConfig(String providers) throws IOException {
        // Written beside and moved over, as editors do; a larger file also changes the size the watcher looks at.
        Path next = dir.resolve("next.yaml");
        Files.writeString(next, "gateway: {background_discovery: false}\nproviders:\n" + providers);
        Files.move(next, configFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    void start(String providers) throws Exception {
        configFile = dir.resolve("jetway.yaml");
        writeConfig(providers);
        GatewayConfig config = ConfigLoader.load(configFile);
        jetway = JetwayLocal.start(config, "127.0.0.1", 0, TestTools.projectRoot(), log);
        jetway.watchConfig(configFile, config, log);
        JsonNode init = post("initialize", """
                {"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}""");
        assertThat(init.has("result")).isTrue();
    }

    JsonNode post(String method, String params) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(jetway.endpoint()))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":" + (++ids) + ",\"method\":\""
                        + method + "\",\"params\":" + params + "}"));
        if (session != null) request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        session = response.headers().firstValue("Mcp-Session-Id").orElse(session);
        return Json.parse(LocalGateway.lastMessage(response));
    }

    List<String> toolNames() throws Exception {
        List<String> names = new ArrayList<>();
        post("tools/list", "{}").at("/result/tools").forEach(t -> names.add(t.get("name").asText()));
        names.removeIf(n -> n.startsWith("registry_"));
        return names;
    }

    String work(String tool) throws Exception {
        return post("tools/call", "{\"name\":\"" + tool + "\"}").at("/result/content/0/text").asText();
    }

    String callTool(String tool, String arguments) throws Exception {
        return post("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}")
                .at("/result/content/0/text").asText();
    }

    long pid(String provider) {
        return ((SubprocessSession) jetway.runtime().lifecycle().launchedHere(provider).orElseThrow().session()).pid();
    }

    /** Waits for the watcher (it looks twice a second) to have applied an edit. */
    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 15 s: " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void editingTheConfigFileAddsChangesAndRemovesProvidersWithoutARestart() throws Exception {
        start(provider("first"));
        assertThat(work("first__work")).isEqualTo("first worked (call 1)");
        long firstPid = pid("first");

        writeConfig(provider("first") + provider("second"));
        eventually("second is listed", () -> jetway.gateway().providers().containsKey("second"));
        assertThat(toolNames()).containsExactly("first__work", "second__work");
        assertThat(work("second__work")).isEqualTo("second worked (call 1)");

        writeConfig(provider("second"));
        eventually("first is removed", () -> !jetway.gateway().providers().containsKey("first"));
        assertThat(toolNames()).as("a removed provider's tools disappear").containsExactly("second__work");
        ProcessHandle.of(firstPid).ifPresent(h -> h.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).as("its process stopped").isFalse();
        assertThat(Streams.types(jetway.runtime().store(), "first")).endsWith("ProviderStopped", "ProviderRemoved");
        assertThat(post("tools/call", "{\"name\":\"first__work\"}").toString()).as("its names no longer route")
                .contains("unknown tool 'first__work'");

        long secondPid = pid("second");
        writeConfig(provider("second").replace("FLAKY_NAME: second", "FLAKY_NAME: renamed"));
        eventually("second is changed", () -> jetway.gateway().providers().get("second").env().get("FLAKY_NAME")
                .equals("renamed"));
        assertThat(work("second__work")).as("restarted with the new settings on its next use")
                .isEqualTo("renamed worked (call 1)");
        assertThat(pid("second")).isNotEqualTo(secondPid);
        assertThat(Streams.types(jetway.runtime().store(), "second")).containsSubsequence("ProviderConfigChanged",
                "ProviderStopped", "ProviderStartRequested", "ProviderStarted");
        assertThat(callTool("registry_sources", "{}")).contains("\"provider\":\"second\"", "\"source\":\"config\"",
                configFile.toAbsolutePath().toString().replace("\\", "\\\\"));
    }

    @Test
    void anInvalidEditIsReportedWithTheLoadersErrorAndTheRunningProvidersStay() throws Exception {
        start(provider("first"));
        Files.writeString(configFile, "gateway: {background_discovery: false}\nproviders:\n  first: {mode: teleport}\n");

        eventually("the error is reported", () -> logBytes.toString(StandardCharsets.UTF_8).contains("not applied"));
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("providers.first.mode", "teleport",
                "the running providers are unchanged");
        assertThat(toolNames()).containsExactly("first__work");
        assertThat(work("first__work")).isEqualTo("first worked (call 1)");
    }

    @Test
    void registryAddUpdateAndRemoveHotLoadFromAClient() throws Exception {
        start(provider("first"));
        String config = "{\"mode\":\"subprocess\",\"command\":[\"node\",\"" + TestTools.fixture("flaky-server.mjs")
                .toString().replace("\\", "\\\\") + "\"],\"env\":{\"FLAKY_NAME\":\"added\"}}";

        assertThat(callTool("registry_add", "{\"name\":\"extra\",\"config\":" + config + "}")).contains("registered");
        assertThat(work("extra__work")).isEqualTo("added worked (call 1)");
        assertThat(toolNames()).contains("extra__work");
        assertThat(callTool("registry_add", "{\"name\":\"extra\",\"config\":" + config + "}")).contains("already exists");
        assertThat(callTool("registry_add", "{\"name\":\"bad\",\"config\":{\"mode\":\"remote\"}}"))
                .contains("providers.bad", "url");
        assertThat(callTool("registry_add", "{\"name\":\"extra__x\",\"config\":" + config + "}"))
                .contains("contains the separator '__'");
        assertThat(callTool("registry_sources", "{}")).contains("\"provider\":\"extra\",\"source\":\"runtime\"");

        assertThat(callTool("registry_update", "{\"name\":\"extra\",\"config\":" + config.replace("added", "updated") + "}"))
                .contains("changed");
        assertThat(work("extra__work")).isEqualTo("updated worked (call 1)");

        long pid = pid("extra");
        assertThat(callTool("registry_remove", "{\"name\":\"extra\"}")).contains("removed");
        assertThat(toolNames()).doesNotContain("extra__work");
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        writeConfig(provider("first") + provider("later"));
        eventually("later is added", () -> jetway.gateway().providers().containsKey("later"));
        assertThat(jetway.gateway().providers()).as("a runtime registration stays out of the file's reconciliation")
                .doesNotContainKey("extra");
    }
}
