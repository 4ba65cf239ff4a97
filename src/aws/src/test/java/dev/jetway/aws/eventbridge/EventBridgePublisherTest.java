package dev.jetway.aws.eventbridge;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.outbox.EntryOutcome;
import dev.jetway.core.outbox.EventPublishException;
import dev.jetway.core.outbox.OutboxEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBridgePublisherTest {

    final EventBridgeStubs stubs = new EventBridgeStubs();
    final EventBridgePublisher publisher = new EventBridgePublisher(stubs.client, "jetway");

    @AfterEach
    void stop() {
        stubs.close();
    }

    static OutboxEntry entry(String type, String detail) {
        return new OutboxEntry("jetway", type, detail, Instant.parse("2026-03-02T08:00:00Z"));
    }

    @Test
    void sendsOnePutEventsCallWithExactlyTheEntriesInOrder() {
        List<EntryOutcome> outcomes = publisher.publish(List.of(
                entry("ProviderStarted", "{\"event_id\":\"a\"}"), entry("ProviderStopped", "{\"event_id\":\"b\"}")));

        assertThat(outcomes).containsExactly(EntryOutcome.ok(), EntryOutcome.ok());
        stubs.server.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .withRequestBody(equalToJson("""
                        {"Entries":[
                          {"EventBusName":"jetway","Source":"jetway","DetailType":"ProviderStarted",
                           "Detail":"{\\"event_id\\":\\"a\\"}","Time":1772438400},
                          {"EventBusName":"jetway","Source":"jetway","DetailType":"ProviderStopped",
                           "Detail":"{\\"event_id\\":\\"b\\"}","Time":1772438400}]}""")));
    }

    @Test
    void rejectedEntriesComeBackWithTheirCodesAtTheirPositions() {
        stubs.putEvents.failEntries((e, previous) ->
                e.get("DetailType").asText().equals("ProviderStopped") ? "ThrottlingException" : null);

        List<EntryOutcome> outcomes = publisher.publish(List.of(
                entry("ProviderStarted", "{\"event_id\":\"a\"}"), entry("ProviderStopped", "{\"event_id\":\"b\"}"),
                entry("ProviderStarted", "{\"event_id\":\"c\"}")));

        assertThat(outcomes).containsExactly(EntryOutcome.ok(),
                EntryOutcome.rejected("ThrottlingException", "injected: ThrottlingException"), EntryOutcome.ok());
    }

    @Test
    void aFailedCallBecomesAnEventPublishExceptionWithTheServiceErrorCode() {
        stubs.putEvents.failCalls(call -> true);

        assertThatThrownBy(() -> publisher.publish(List.of(entry("ProviderStarted", "{\"event_id\":\"a\"}"))))
                .isInstanceOfSatisfying(EventPublishException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("InternalException"));
        assertThat(stubs.putEvents.failedCalls.get()).as("the SDK retried the 500 before giving up").isGreaterThan(1);
    }
}
