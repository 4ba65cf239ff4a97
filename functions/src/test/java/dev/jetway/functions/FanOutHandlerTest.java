package dev.jetway.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.jetway.aws.eventbridge.EventBridgePublisher;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.json.Json;
import dev.jetway.core.outbox.DeadLetter;
import dev.jetway.core.outbox.EventFanOut;
import dev.jetway.core.outbox.FanOutPolicy;
import dev.jetway.core.security.PublishedEvents;
import dev.jetway.core.security.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** A DynamoDB Streams batch as Lambda delivers it, through the handler, to EventBridge stubs. */
class FanOutHandlerTest {

    final WireMockServer events = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    final EventBridgeClient client;
    final List<DeadLetter> parked = new ArrayList<>();
    final ByteArrayOutputStream emf = new ByteArrayOutputStream();
    final FanOutHandler handler;

    FanOutHandlerTest() {
        events.start();
        client = EventBridgeClient.builder().endpointOverride(URI.create(events.baseUrl())).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        handler = new FanOutHandler(new EventFanOut(new EventBridgePublisher(client, "jetway"), parked::add,
                FanOutPolicy.DEFAULT, d -> { }), new HandlerMetrics(new PrintStream(emf, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), "fan-out"));
    }

    @AfterEach
    void stop() {
        client.close();
        events.stop();
    }

    void putEventsAnswers(String body) {
        events.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body)));
    }

    StreamsEventResponse handleSample() {
        return handler.handleRequest(LifecycleFunctions.event("dynamodb-stream-batch.json", DynamodbEvent.class),
                new InvocationContext("req-1"));
    }

    @Test
    void theNewEventOfABatchBecomesOneEventBridgeEntryAndTheStateItemIsSkipped() {
        putEventsAnswers("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"11111111-2222-3333-4444-555555555555\"}]}");

        StreamsEventResponse response = handleSample();

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<JsonNode> puts = events.findAll(postRequestedFor(urlEqualTo("/"))).stream()
                .map(r -> Json.parse(r.getBodyAsString())).toList();
        assertThat(puts).hasSize(1);
        JsonNode entry = puts.get(0).path("Entries").get(0);
        assertThat(puts.get(0).path("Entries")).as("the state item is no event").hasSize(1);
        assertThat(entry.path("Source").asText()).isEqualTo("jetway");
        assertThat(entry.path("DetailType").asText()).isEqualTo("ProviderStarted");
        assertThat(entry.path("EventBusName").asText()).isEqualTo("jetway");
        JsonNode detail = Json.parse(entry.path("Detail").asText());
        assertThat(detail.path("event_id").asText()).isEqualTo("6f1c3e1a-6a0d-4a53-9c0e-2b8f6a1d7e10");
        assertThat(detail.path("stream_version").asLong()).isEqualTo(3);
        assertThat(detail.path("data").path("endpoint").asText()).isEqualTo("http://10.0.1.23:8080/mcp");
        assertThat(emf.toString(StandardCharsets.UTF_8)).contains("\"EventsPublished\":1").contains("\"BatchItemFailures\":0");
    }

    @Test
    void providerCredentialsLeaveTheFunctionMaskedAndTextIsRedactedWithTheDeployedConfig(@TempDir Path dir)
            throws Exception {
        Path config = Files.writeString(dir.resolve("jetway.yaml"), """
                providers:
                  search:
                    mode: remote
                    url: https://search.example/mcp
                    headers: {Authorization: "Bearer planted-bearer-token-4f9a2c", X-Api-Key: "planted-api-key-77d1e0"}
                    env: {SEARCH_REGION_SECRET: "planted-env-secret-b3c8"}
                """);
        FanOutHandler deployed = new FanOutHandler(new EventFanOut(new EventBridgePublisher(client, "jetway"), parked::add,
                FanOutPolicy.DEFAULT, d -> { }, FanOutHandler.publishedEvents(new LambdaSettings(config.toString()))),
                new HandlerMetrics(new PrintStream(emf, true, StandardCharsets.UTF_8), Clock.systemUTC(), "fan-out"));
        putEventsAnswers("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"a\"},{\"EventId\":\"b\"}]}");

        StreamsEventResponse response = deployed.handleRequest(LifecycleFunctions.event(
                "dynamodb-stream-provider-secrets.json", DynamodbEvent.class), new InvocationContext("req-2"));

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<String> bodies = events.findAll(postRequestedFor(urlEqualTo("/"))).stream().map(r -> r.getBodyAsString()).toList();
        assertThat(bodies).hasSize(1);
        for (String secret : List.of("planted-bearer-token-4f9a2c", "planted-api-key-77d1e0", "planted-env-secret-b3c8")) {
            assertThat(bodies.get(0)).as("the PutEvents body").doesNotContain(secret);
        }
        JsonNode entries = Json.parse(bodies.get(0)).path("Entries");
        JsonNode registered = Json.parse(entries.get(0).path("Detail").asText());
        assertThat(registered.at("/data/spec/headers/Authorization").asText()).isEqualTo(Redactor.MASK);
        assertThat(Json.parse(entries.get(1).path("Detail").asText()).at("/data/error").asText())
                .as("a configured value that matches no pattern is redacted too")
                .isEqualTo("401 from upstream; sent X-Api-Key [REDACTED] for region [REDACTED]");
    }

    @Test
    void anUnreadableConfigLeavesTheOutboxRunningWithCredentialsStillMasked() {
        PublishedEvents published = FanOutHandler.publishedEvents(new LambdaSettings("/nonexistent/jetway.yaml"));
        EventEnvelope stored = new EventEnvelope(UUID.randomUUID(), "ProviderRegistered", 1, "provider#s", 0,
                Instant.EPOCH, null, (ObjectNode) Json.parse(
                        "{\"provider\":\"s\",\"spec\":{\"mode\":\"remote\",\"headers\":{\"X-Api-Key\":\"abc123xyz\"}}}"));

        assertThat(published.published(stored).data().at("/spec/headers/X-Api-Key").asText()).isEqualTo(Redactor.MASK);
    }

    @Test
    void anEntryEventBridgeKeepsRefusingIsReportedAsABatchItemFailureForLambdaToRetry() {
        putEventsAnswers("{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"try again\"}]}");

        StreamsEventResponse response = handleSample();

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("111100000000000000000001");
        assertThat(parked).as("a retryable failure is not poison").isEmpty();
    }
}
