package dev.jetway.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.jetway.core.domain.provider.Provider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthCheckHandlerTest {

    final LifecycleFunctions fx = new LifecycleFunctions();

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    ScheduledEvent schedule() {
        return LifecycleFunctions.event("idle-gc-schedule.json", ScheduledEvent.class);
    }

    @Test
    void aProviderRunningInAnotherInstanceIsPingedWithoutCountingAsAUse() {
        fx.instance().lifecycle().acquire("fetch");
        var handlerInstance = fx.instance();
        Provider before = handlerInstance.lifecycle().refresh("fetch");
        HealthCheckHandler handler = new HealthCheckHandler(handlerInstance, fx.metrics("health"));

        var results = handler.handleRequest(schedule(), new InvocationContext("req-1"));

        assertThat(results).containsExactly("fetch PASSED READY: ping answered");
        assertThat(fx.ecs.task.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/mcp"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.method",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("ping"))))).hasSize(1);
        assertThat(handlerInstance.lifecycle().refresh("fetch").lastUsedAt())
                .as("a health check must not keep a provider from its idle stop").isEqualTo(before.lastUsedAt());
        assertThat(fx.emfLines()).contains("\"HealthChecksPassed\":1").contains("\"HealthChecksFailed\":0");
    }

    @Test
    void aProviderThatAnswersPingWithAServerFaultFailsItsCheck() {
        fx.instance().lifecycle().acquire("fetch");
        fx.ecs.task.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/mcp").atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.method",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("ping")))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"jsonrpc\":\"2.0\",\"id\":\"{{jsonPath request.body '$.id'}}\",\"error\":{\"code\":-32603,\"message\":\"disk full\"}}")
                        .withTransformers("response-template")));
        HealthCheckHandler handler = new HealthCheckHandler(fx.instance(), fx.metrics("health"));

        var results = handler.handleRequest(schedule(), new InvocationContext("req-2"));

        assertThat(results).singleElement().asString().startsWith("fetch FAILED READY").contains("disk full");
        assertThat(fx.emfLines()).contains("\"HealthChecksFailed\":1");
    }

    @Test
    void nothingRunningMeansNothingToCheck() {
        HealthCheckHandler handler = new HealthCheckHandler(fx.instance(), fx.metrics("health"));

        assertThat(handler.handleRequest(schedule(), new InvocationContext("req-3"))).isEmpty();
    }
}
