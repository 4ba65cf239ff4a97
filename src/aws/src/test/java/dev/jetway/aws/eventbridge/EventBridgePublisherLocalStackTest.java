package dev.jetway.aws.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.json.Json;
import dev.jetway.core.outbox.DeadLetter;
import dev.jetway.core.outbox.EventFanOut;
import dev.jetway.core.outbox.EventItemRecords;
import dev.jetway.core.outbox.FanOutPolicy;
import dev.jetway.core.outbox.FanOutResult;
import dev.jetway.core.outbox.Sleeper;
import dev.jetway.core.outbox.StreamRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The fan-out against LocalStack's EventBridge. Skipped, and reported as skipped, without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class EventBridgePublisherLocalStackTest {

    // Later tags require an auth token.
    @Container
    static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.14.0")).withServices("events");

    @Test
    void aBatchOfStreamRecordsIsAcceptedByEventBridgeOnACustomBus() {
        try (EventBridgeClient client = EventBridgeClient.builder()
                .endpointOverride(LOCALSTACK.getEndpoint())
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            client.createEventBus(b -> b.name("jetway"));
            List<DeadLetter> parked = new ArrayList<>();
            EventFanOut fanOut = new EventFanOut(new EventBridgePublisher(client, "jetway"), parked::add,
                    FanOutPolicy.DEFAULT, Sleeper.REAL);
            List<StreamRecord> records = new ArrayList<>();
            for (int v = 0; v < 25; v++) {
                records.add(EventItemRecords.inserted(Integer.toString(1000 + v), new EventEnvelope(UUID.randomUUID(),
                        "ProviderRecovered", 1, "provider#math", v, Instant.now(), null,
                        Json.object().put("provider", "math"))));
            }

            FanOutResult result = fanOut.fanOut(records);

            assertThat(result).as("25 events in batches of at most 10, all accepted")
                    .isEqualTo(new FanOutResult(25, 0, 0, List.of()));
            assertThat(parked).isEmpty();
        }
    }
}
