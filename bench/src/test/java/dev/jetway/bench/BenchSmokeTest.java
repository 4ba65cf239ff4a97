package dev.jetway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harness, end to end with a few requests, so that it cannot rot: every target of
 * every scenario (direct, Jetway local mode over HTTP and stdio, the Lambda handler behind the API
 * Gateway emulator, supergateway, mcp-proxy) must answer every request with the right content, and
 * every other section must produce figures. No timing is asserted: this machine is shared.
 */
class BenchSmokeTest {

    static ObjectNode results;

    @BeforeAll
    static void runTheSmokeVariant() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("bench/fixture/echo-server.mjs"))) root = root.getParent();
        // Under target/, so that the processes' logs stay for a look after a failure.
        Path output = root.resolve("bench/target/smoke");
        results = new Bench(BenchOptions.smoke(root, output)).run();
        Files.writeString(output.resolve("results.json"), results.toPrettyString());
    }

    @Test
    void every_target_answers_every_request_of_every_scenario_correctly() {
        List<String> seen = new ArrayList<>();
        for (JsonNode scenario : results.path("scenarios")) {
            for (JsonNode target : scenario.path("targets")) {
                String name = scenario.path("upstream").asText() + " " + scenario.path("method").asText() + " "
                        + target.path("target").asText();
                seen.add(name);
                for (String phase : List.of("single", "loaded", "throughput")) {
                    JsonNode figures = target.path(phase);
                    assertThat(figures.path("errors").asLong())
                            .as("%s (%s) answered wrongly: %s", name, phase, figures.path("firstError").asText())
                            .isZero();
                    assertThat(figures.path("requests").asLong()).as("%s (%s) answered requests", name, phase).isPositive();
                }
            }
        }
        assertThat(seen).as("every upstream, method and target was measured").hasSize(2 * 2 * 6)
                .contains("fast tools/call direct", "fast tools/call jetway-local/http", "fast tools/call jetway-lambda/http",
                        "fast tools/call jetway-local/stdio", "fast tools/call supergateway/stdio",
                        "everything tools/list mcp-proxy/stdio");
    }

    @Test
    void the_handler_path_answers_its_cpu_measurement_and_the_load_generator_is_calibrated() {
        assertThat(results.path("handlerCpu").path("calls").asInt()).as("HandlerCpuMeasurement ran").isPositive();
        assertThat(results.path("handlerCpu").path("threadCpuMicrosPerCall").asDouble()).isPositive();
        assertThat(results.path("calibration").path("httpClientP50Micros").asDouble()).isPositive();
    }

    @Test
    void the_local_mode_profile_has_execution_samples_of_a_load_without_errors() {
        assertThat(results.path("profile").path("errors").asLong()).isZero();
        assertThat(results.path("profile").path("requests").asLong()).isPositive();
        assertThat(results.path("profile").path("samples").asInt()).as("JFR recorded execution samples").isPositive();
    }

    @Test
    void cold_start_is_measured_for_the_handler_and_for_every_server() {
        JsonNode coldStart = results.path("coldStart");
        assertThat(coldStart.path("handler").path("variants")).as("unprimed and primed at least").hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode variant : coldStart.path("handler").path("variants")) {
            assertThat(variant.path("freshJvmToFirstAnswerMs").asDouble()).isPositive();
        }
        assertThat(coldStart.path("servers").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("jetway-local/stdio", "supergateway/stdio", "mcp-proxy/stdio");
    }

    @Test
    void the_event_store_appends_on_distinct_and_shared_streams_without_failures() {
        JsonNode cases = results.path("eventStore");
        assertThat(cases).hasSize(3);
        for (JsonNode c : cases) {
            assertThat(c.path("failures").asLong()).as("failures: %s", c.path("firstFailure").asText()).isZero();
            assertThat(c.path("appends").asLong()).isPositive();
        }
        assertThat(cases.get(0).path("conflicts").asLong()).as("a lone writer never conflicts").isZero();
    }

    @Test
    void the_report_renders_every_section_from_the_results() {
        String markdown = new Report(results).markdown();
        assertThat(markdown).contains("## Targets: where we stand", "### fast upstream, `tools/call`",
                "jetway-lambda/http", "## Cold start", "## Event store on DynamoDB Local", "## Profile of the local-mode hot path");
    }
}
