package dev.jetway.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tracing switch, and the OTLP/HTTP export to a collector on loopback (WireMock as the collector). */
class LambdaTracingSettingsTest {

    final WireMockServer collector = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));

    @AfterEach
    void stop() {
        collector.stop();
    }

    @Test
    void withoutAnOtlpEndpointTracingIsOff() {
        assertThat(LambdaTracing.fromEnvironment(Map.of())).isSameAs(LambdaTracing.OFF);
    }

    @Test
    void jetwayTracingOffTurnsItOffEvenWithAnEndpoint() {
        assertThat(LambdaTracing.fromEnvironment(Map.of("JETWAY_TRACING", "off",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318"))).isSameAs(LambdaTracing.OFF);
    }

    @Test
    void anUnknownSwitchValueIsRefusedWithWhatItAccepts() {
        assertThatThrownBy(() -> LambdaTracing.fromEnvironment(Map.of("JETWAY_TRACING", "maybe",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("JETWAY_TRACING=maybe")
                .hasMessageContaining("on").hasMessageContaining("off");
    }

    @Test
    void anInvocationsSpansArePostedToTheCollectorBeforeTheInvocationReturns() {
        collector.start();
        collector.stubFor(post(urlEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)));
        LambdaTracing tracing = LambdaTracing.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", collector.baseUrl(),
                "AWS_LAMBDA_FUNCTION_NAME", "jetway-gateway"));
        assertThat(tracing).isInstanceOf(OpenTelemetryTracing.class);
        assertThat(collector.findAll(postRequestedFor(urlEqualTo("/v1/traces")))).as("nothing is sent at init").isEmpty();

        String answer = tracing.invocation(LambdaTracing.Trigger.HTTP, new InvocationContext("req-otlp"), () -> "done");

        // The flush at the end of the invocation is synchronous (bounded): the POST has happened by now.
        assertThat(answer).isEqualTo("done");
        List<LoggedRequest> posts = collector.findAll(postRequestedFor(urlEqualTo("/v1/traces"))
                .withHeader("Content-Type", equalTo("application/x-protobuf")));
        assertThat(posts).hasSize(1);
        String body = new String(posts.get(0).getBody(), StandardCharsets.ISO_8859_1);
        assertThat(body).as("the OTLP protobuf carries the span and the function's resource")
                .contains("jetway-gateway").contains("req-otlp").contains("aws_lambda");
    }
}
