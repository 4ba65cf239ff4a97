package dev.jetway.functions;

import static dev.jetway.functions.PayloadSamples.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.core.telemetry.EmfSink;
import dev.jetway.local.SubprocessConnector;
import dev.jetway.local.TestTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway function writes its request metrics as EMF lines as each request ends, for CloudWatch. */
class GatewayFunctionMetricsTest {

    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    LambdaGateway function;

    @AfterEach
    void stop() {
        if (function != null) function.gateway().close();
    }

    @Test
    void aToolCallThroughTheHandlerWritesAnEmfLineWithItsProviderToolCountAndLatencyAndOneColdStart() {
        GatewayConfig config = ConfigLoader.parse("""
                gateway:
                  allowed_hosts: [a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com]
                providers:
                  everything:
                    mode: subprocess
                    command: [node, "%s", stdio]
                """.formatted(TestTools.serverEverything()), "metrics-test.yaml");
        Gateway gateway = Gateway.startingOnFirstUse(config, new SubprocessConnector(TestTools.projectRoot(),
                Duration.ofSeconds(20), System.err::println));
        function = new LambdaGateway(gateway, new InMemorySessionStore(), Clock.systemUTC(),
                LambdaGateway.emfMetrics(new PrintStream(stdout, true, StandardCharsets.UTF_8), Clock.systemUTC(), "jetway"));
        GatewayHandler handler = new GatewayHandler(function.frontDoor());
        String session = handler.handleRequest(load("initialize.json", null), new InvocationContext("r1"))
                .getHeaders().get("Mcp-Session-Id");

        handler.handleRequest(load("tools-call.json", session), new InvocationContext("r2"));

        List<JsonNode> lines = stdout.toString(StandardCharsets.UTF_8).lines().map(Json::parse).toList();
        JsonNode call = lines.stream().filter(l -> "everything__get-sum".equals(l.path("tool").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no EMF line for the tool call in:\n" + stdout));
        assertThat(call.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo(EmfSink.NAMESPACE);
        assertThat(call.path("provider").asText()).isEqualTo("everything");
        assertThat(call.path("RequestCount").asInt()).isEqualTo(1);
        assertThat(call.path("Errors").asInt()).isZero();
        assertThat(call.path("Latency").isEmpty()).as("latency values: " + call).isFalse();
        assertThat(lines.stream().filter(l -> l.has("ColdStart")).count()).as("one cold start per instance").isEqualTo(1);
    }
}
