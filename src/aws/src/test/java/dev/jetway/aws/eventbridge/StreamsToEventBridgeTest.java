package dev.jetway.aws.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.aws.dynamodb.DynamoDbEventStore;
import dev.jetway.aws.dynamodb.DynamoDbLocal;
import dev.jetway.aws.dynamodb.DynamoDbStreamRecords;
import dev.jetway.aws.dynamodb.TableStream;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.provider.ProviderCommand;
import dev.jetway.core.domain.provider.ProviderEvent;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.domain.resilience.RetryBackoff;
import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.NewEvent;
import dev.jetway.core.json.Json;
import dev.jetway.core.outbox.DeadLetter;
import dev.jetway.core.outbox.EventFanOut;
import dev.jetway.core.outbox.FanOutPolicy;
import dev.jetway.core.outbox.FanOutResult;
import dev.jetway.core.outbox.StreamRecord;
import dev.jetway.core.registry.ProviderEventCodec;
import dev.jetway.core.registry.ProviderRepository;
import dev.jetway.core.security.PublishedEvents;
import dev.jetway.core.security.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * From an append to EventBridge with nothing hand-made in between: the store writes to DynamoDB
 * Local, its DynamoDB Stream produces the records, the mapper and the fan-out publish them through
 * the real SDK to a PutEvents stub that rejects chosen entries.
 */
class StreamsToEventBridgeTest {

    final EventBridgeStubs stubs = new EventBridgeStubs();
    final String table = DynamoDbLocal.newEventTable();
    final DynamoDbEventStore store = new DynamoDbEventStore(DynamoDbLocal.client(), table);
    final List<DeadLetter> parked = new ArrayList<>();
    final EventFanOut fanOut = new EventFanOut(new EventBridgePublisher(stubs.client, "jetway"), parked::add,
            new FanOutPolicy(3, new RetryBackoff(Duration.ofMillis(10), Duration.ofMillis(10)),
                    FanOutPolicy.PUT_EVENTS_PERMANENT_CODES),
            duration -> { });

    @AfterEach
    void stop() {
        stubs.close();
    }

    @Test
    void appendedEventsReachEventBridgeFromTheirStreamRecordsWithARejectedEntryRetriedAndStateItemsSkipped() {
        List<EventEnvelope> stored = appendFourEventsInTwoAppends();
        String retried = stored.get(1).eventId().toString();
        stubs.putEvents.failEntries((entry, previous) ->
                detailEventId(entry).equals(retried) && previous < 2 ? "ThrottlingException" : null);

        FanOutResult result = fanOut.fanOut(streamRecords());

        assertThat(result.published()).isEqualTo(4);
        assertThat(result.skipReasons()).as("the state item's insert and its modification, and nothing else")
                .isEqualTo(Map.of("state item: a stream's head and projection, not an event", 2));
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(stubs.putEvents.accepted).as("each stored envelope once, exactly as the detail")
                .extracting(e -> Json.convert(Json.parse(e.get("Detail").asText()), EventEnvelope.class))
                .containsExactlyInAnyOrderElementsOf(stored);
        assertThat(stubs.putEvents.accepted).as("the retried entry arrives after the events behind it in its stream")
                .extracting(e -> e.get("DetailType").asText())
                .containsExactly("ProviderRegistered", "ProviderStarted", "ProviderStopped", "ProviderStartRequested");
        assertThat(stubs.putEvents.rejectedEntries.get()).as("the chosen entry was rejected twice").isEqualTo(2);
    }

    @Test
    void anEntryEventBridgeRefusesForGoodIsParkedWithItsReasonAndTheRestIsPublished() {
        List<EventEnvelope> stored = appendFourEventsInTwoAppends();
        String refused = stored.get(2).eventId().toString();
        stubs.putEvents.failEntries((entry, previous) -> detailEventId(entry).equals(refused) ? "MalformedDetail" : null);

        FanOutResult result = fanOut.fanOut(streamRecords());

        assertThat(result.published()).isEqualTo(3);
        assertThat(result.deadLettered()).isEqualTo(1);
        assertThat(result.complete()).as("a parked record does not hold the stream back").isTrue();
        assertThat(parked).singleElement().satisfies(letter -> {
            assertThat(letter.eventId()).isEqualTo(refused);
            assertThat(letter.reason()).contains("MalformedDetail");
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.image()).containsEntry("event_type", "ProviderStarted");
        });
    }

    @Test
    void providerCredentialsReachEventBridgeAndTheDeadLetterQueueMaskedWhileTheTableKeepsThemForEveryInstance() {
        String token = "planted-bearer-token-4f9a2c";
        String apiKey = "planted-api-key-77d1e0";
        String envSecret = "planted-env-secret-b3c8";
        String changedSecret = "planted-changed-secret-91ef";
        GatewayConfig config = ConfigLoader.parse("""
                providers:
                  search:
                    mode: remote
                    url: https://search.example/mcp
                    headers: {Authorization: "Bearer %s", X-Api-Key: "%s"}
                    env: {SEARCH_REGION_SECRET: "%s"}
                """.formatted(token, apiKey, envSecret), "jetway.yaml");
        ProviderSpec spec = config.providers().get("search");
        ProviderSpec changed = new ProviderSpec(spec.mode(), null, spec.url(), null, Map.of("SEARCH_REGION_SECRET",
                changedSecret), Map.of("Authorization", "Bearer " + changedSecret), 0, 0, 0, null, null);
        ProviderRepository providers = new ProviderRepository(store, Clock.systemUTC());
        providers.execute("search", new ProviderCommand.Register(spec), "deploy", null);
        providers.execute("search", new ProviderCommand.RequestStart(), "call", null);
        providers.execute("search", new ProviderCommand.MarkStartFailed("401 from upstream; sent X-Api-Key " + apiKey
                + " for region " + envSecret, Duration.ofSeconds(2)), "call", null);
        providers.execute("search", new ProviderCommand.ChangeConfig(changed), "registry_update", null);
        stubs.putEvents.failEntries((entry, previous) ->
                "ProviderConfigChanged".equals(entry.get("DetailType").asText()) ? "MalformedDetail" : null);
        EventFanOut masking = new EventFanOut(new EventBridgePublisher(stubs.client, "jetway"), parked::add,
                new FanOutPolicy(2, new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(1)),
                        FanOutPolicy.PUT_EVENTS_PERMANENT_CODES), duration -> { },
                new PublishedEvents(Redactor.forConfig(config)));

        FanOutResult result = masking.fanOut(streamRecords());

        assertThat(result.published()).isEqualTo(3);
        assertThat(result.deadLettered()).isEqualTo(1);
        List<String> putEventsBodies = stubs.server.getAllServeEvents().stream()
                .map(e -> e.getRequest().getBodyAsString()).toList();
        assertThat(putEventsBodies).isNotEmpty();
        for (String secret : List.of(token, apiKey, envSecret, changedSecret)) {
            assertThat(putEventsBodies).as("PutEvents bodies").noneMatch(body -> body.contains(secret));
            assertThat(parked.toString()).as("the dead-letter queue").doesNotContain(secret);
        }
        JsonNode registered = stubs.putEvents.accepted.stream()
                .filter(e -> "ProviderRegistered".equals(e.get("DetailType").asText()))
                .map(e -> Json.parse(e.get("Detail").asText())).findFirst().orElseThrow();
        assertThat(registered.at("/data/spec/headers/X-Api-Key").asText()).as("names kept, values masked")
                .isEqualTo(Redactor.MASK);
        assertThat(registered.at("/data/spec/env/SEARCH_REGION_SECRET").asText()).isEqualTo(Redactor.MASK);
        assertThat(registered.at("/data/spec/url").asText()).isEqualTo("https://search.example/mcp");

        List<EventEnvelope> table = store.read("provider#search", 0);
        ProviderEventCodec codec = new ProviderEventCodec();
        assertThat(codec.decode(table.get(0))).as("the table keeps what another instance starts the provider with")
                .isEqualTo(new ProviderEvent.ProviderRegistered("search", spec));
        assertThat(codec.decode(table.get(3))).isEqualTo(new ProviderEvent.ProviderConfigChanged("search", changed));
    }

    private List<EventEnvelope> appendFourEventsInTwoAppends() {
        String stream = "provider#math";
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM,
                List.of(event("ProviderRegistered"), event("ProviderStartRequested"))));
        store.append(AppendRequest.of(stream, 1, List.of(event("ProviderStarted"), event("ProviderStopped"))));
        return store.read(stream, 0);
    }

    private List<StreamRecord> streamRecords() {
        try (DynamoDbStreamsClient streams = DynamoDbLocal.newStreamsClient()) {
            return TableStream.readAll(DynamoDbLocal.client(), streams, table).stream()
                    .map(DynamoDbStreamRecords::from).toList();
        }
    }

    private static String detailEventId(com.fasterxml.jackson.databind.JsonNode entry) {
        return Json.parse(entry.get("Detail").asText()).get("event_id").asText();
    }

    private static NewEvent event(String type) {
        return new NewEvent(UUID.randomUUID(), type, 1, Instant.parse("2026-03-02T08:00:00Z"), "corr",
                Json.object().put("provider", "math"));
    }
}
