package dev.jetway.aws.sqs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.outbox.DeadLetter;
import dev.jetway.core.outbox.DeadLetterQueue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Parks poison stream records in an SQS queue, one {@code SendMessage} per record.
 *
 * <p>The body is a JSON object with everything needed to replay the record by hand:
 * {@code sequence_number}, {@code event_id} (absent when the item was unreadable), {@code reason},
 * {@code attempts} and the item's {@code image}. The same facts, except the image, are message
 * attributes ({@code reason}, {@code attempts}, {@code sequence_number}, {@code event_id}) so that
 * a consumer or the console can filter without parsing the body. An event item is at most 400 KB,
 * which fits SQS's 1 MiB message limit.
 *
 * <p>Any SDK failure propagates: the fan-out then leaves the record failed and the stream retries
 * it, so a record is never lost because the queue could not take it.
 */
public final class SqsDeadLetterQueue implements DeadLetterQueue {

    /** Attribute values are cut to this many characters; the body keeps the whole reason. */
    static final int MAX_ATTRIBUTE_CHARS = 1024;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsDeadLetterQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        if (queueUrl == null || queueUrl.isBlank()) throw new IllegalArgumentException("queueUrl is required");
        this.queueUrl = queueUrl;
    }

    /** A client on the URL-connection HTTP client, region and credentials from the environment. */
    public static SqsClient defaultClient() {
        return SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Override
    public void park(DeadLetter letter) {
        sqs.sendMessage(m -> m
                .queueUrl(queueUrl)
                .messageBody(Json.write(body(letter)))
                .messageAttributes(attributes(letter)));
    }

    static ObjectNode body(DeadLetter letter) {
        ObjectNode body = Json.object().put("sequence_number", letter.sequenceNumber());
        if (letter.eventId() != null) body.put("event_id", letter.eventId());
        body.put("reason", letter.reason()).put("attempts", letter.attempts());
        ObjectNode image = body.putObject("image");
        new TreeMap<>(letter.image()).forEach(image::put);
        return body;
    }

    private static Map<String, MessageAttributeValue> attributes(DeadLetter letter) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("reason", text(letter.reason()));
        attributes.put("attempts", MessageAttributeValue.builder().dataType("Number")
                .stringValue(Integer.toString(letter.attempts())).build());
        attributes.put("sequence_number", text(letter.sequenceNumber()));
        if (letter.eventId() != null) attributes.put("event_id", text(letter.eventId()));
        return attributes;
    }

    private static MessageAttributeValue text(String value) {
        String cut = value.length() > MAX_ATTRIBUTE_CHARS ? value.substring(0, MAX_ATTRIBUTE_CHARS) : value;
        return MessageAttributeValue.builder().dataType("String").stringValue(cut).build();
    }
}
