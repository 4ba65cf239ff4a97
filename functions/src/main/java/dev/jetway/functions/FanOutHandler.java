package dev.jetway.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.jetway.aws.dynamodb.DynamoDbStreamRecords;
import dev.jetway.aws.eventbridge.EventBridgePublisher;
import dev.jetway.aws.sqs.SqsDeadLetterQueue;
import dev.jetway.core.config.ConfigException;
import dev.jetway.core.outbox.EventFanOut;
import dev.jetway.core.outbox.FanOutPolicy;
import dev.jetway.core.outbox.FanOutResult;
import dev.jetway.core.outbox.Sleeper;
import dev.jetway.core.outbox.StreamRecord;
import dev.jetway.core.security.PublishedEvents;
import dev.jetway.core.security.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The fan-out function, on the event table's DynamoDB Stream (with ReportBatchItemFailures): each
 * new event becomes an EventBridge entry on the bus, poison records go to the dead-letter queue,
 * and what could not be published is reported back as batch item failures (retried, bisected).
 * What goes out is the published copy of each event ({@link PublishedEvents}): provider credentials
 * masked, free text redacted with the deployment's config ({@code JETWAY_CONFIG}).
 * Handler string: {@code dev.jetway.functions.FanOutHandler::handleRequest}.
 */
public final class FanOutHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    static final String BUS_VARIABLE = "JETWAY_EVENT_BUS";
    static final String DLQ_VARIABLE = "JETWAY_DLQ_URL";

    private final EventFanOut fanOut;
    private final HandlerMetrics metrics;
    private final LambdaTracing tracing;

    /**
     * Reads JETWAY_EVENT_BUS (default {@code jetway}), JETWAY_DLQ_URL (the dead-letter queue's URL) and
     * JETWAY_CONFIG (for the redactor).
     */
    public FanOutHandler() {
        this(LambdaTracing.instance());
    }

    private FanOutHandler(LambdaTracing tracing) {
        this(new EventFanOut(new EventBridgePublisher(EventBridgeClient.builder()
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(tracing::instrument).build(),
                System.getenv().getOrDefault(BUS_VARIABLE, "jetway")),
                new SqsDeadLetterQueue(SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                        .overrideConfiguration(tracing::instrument).build(), required(DLQ_VARIABLE)),
                FanOutPolicy.DEFAULT, Sleeper.REAL, publishedEvents(LambdaSettings.fromEnvironment(System.getenv()))),
                HandlerMetrics.stdout("fan-out"), tracing);
    }

    FanOutHandler(EventFanOut fanOut, HandlerMetrics metrics) {
        this(fanOut, metrics, LambdaTracing.OFF);
    }

    FanOutHandler(EventFanOut fanOut, HandlerMetrics metrics, LambdaTracing tracing) {
        this.fanOut = fanOut;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> tracing.invocation(LambdaTracing.Trigger.DATASOURCE, context, () -> {
            List<StreamRecord> records = new ArrayList<>();
            for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
                records.add(DynamoDbStreamRecords.from(r.getDynamodb().getSequenceNumber(), r.getEventName(),
                        r.getDynamodb().getNewImage(), FanOutHandler::scalarText));
            }
            FanOutResult result = fanOut.fanOut(records);
            metrics.publish(Map.of("EventsPublished", result.published(), "EventsDeadLettered", result.deadLettered(),
                    "BatchItemFailures", result.batchItemFailures().size()));
            return new StreamsEventResponse(result.batchItemFailures().stream()
                    .map(StreamsEventResponse.BatchItemFailure::new).toList());
        }));
    }

    /**
     * Credentials in specs are masked whatever happens; the config adds its secret values to the
     * redaction of free text. A config that cannot be read must not stop the outbox: patterns only then.
     */
    static PublishedEvents publishedEvents(LambdaSettings settings) {
        try {
            return new PublishedEvents(Redactor.forConfig(settings.loadConfig()));
        } catch (ConfigException e) {
            System.err.println("jetway fan-out: redacting event text by pattern only, the config is unreadable: "
                    + e.getMessage());
            return PublishedEvents.byPatternOnly();
        }
    }

    private static String scalarText(AttributeValue value) {
        return value.getS() != null ? value.getS() : value.getN();
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: the URL of the SQS queue poison stream records go to");
        }
        return value;
    }
}
