package dev.jetway.aws.eventbridge;

import dev.jetway.core.outbox.EntryOutcome;
import dev.jetway.core.outbox.EventPublishException;
import dev.jetway.core.outbox.EventPublisher;
import dev.jetway.core.outbox.OutboxEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes outbox entries to one event bus with {@code PutEvents}. PutEvents answers per entry, in
 * request order; an entry with an error code was not accepted and is reported as rejected.
 */
public final class EventBridgePublisher implements EventPublisher {

    private final EventBridgeClient eventBridge;
    private final String eventBusName;

    public EventBridgePublisher(EventBridgeClient eventBridge, String eventBusName) {
        this.eventBridge = Objects.requireNonNull(eventBridge, "eventBridge");
        if (eventBusName == null || eventBusName.isBlank()) throw new IllegalArgumentException("eventBusName is required");
        this.eventBusName = eventBusName;
    }

    /** A client on the URL-connection HTTP client, region and credentials from the environment. */
    public static EventBridgeClient defaultClient() {
        return EventBridgeClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Override
    public List<EntryOutcome> publish(List<OutboxEntry> entries) {
        if (entries.isEmpty()) return List.of();
        PutEventsRequest request = PutEventsRequest.builder()
                .entries(entries.stream().map(this::toRequestEntry).toList())
                .build();
        PutEventsResponse response;
        try {
            response = eventBridge.putEvents(request);
        } catch (AwsServiceException e) {
            throw new EventPublishException(e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage(), e);
        } catch (SdkException e) {
            throw new EventPublishException("SdkClientException", e.getMessage(), e);
        }
        if (response.entries().size() != entries.size()) {
            throw new EventPublishException("UnexpectedResponse",
                    "PutEvents answered " + response.entries().size() + " entries for " + entries.size(), null);
        }
        List<EntryOutcome> outcomes = new ArrayList<>(entries.size());
        for (PutEventsResultEntry result : response.entries()) {
            outcomes.add(result.errorCode() == null
                    ? EntryOutcome.ok()
                    : EntryOutcome.rejected(result.errorCode(), result.errorMessage()));
        }
        return outcomes;
    }

    private PutEventsRequestEntry toRequestEntry(OutboxEntry entry) {
        return PutEventsRequestEntry.builder()
                .eventBusName(eventBusName)
                .source(entry.source())
                .detailType(entry.detailType())
                .detail(entry.detail())
                .time(entry.time())
                .build();
    }
}
