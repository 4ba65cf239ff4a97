package dev.jetway.aws.sqs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.jetway.core.json.Json;
import dev.jetway.core.outbox.DeadLetter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The real SDK against a WireMock SendMessage stub that pins the exact request. */
class SqsDeadLetterQueueTest {

    static final String QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/jetway-outbox-dlq";

    /** Answers SendMessage as SQS does, with the MD5s of the body and of the attributes that the SDK checks. */
    static final class SendMessageAnswer implements ResponseDefinitionTransformerV2 {
        @Override public String getName() { return "send-message"; }
        @Override public boolean applyGlobally() { return false; }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            JsonNode request = Json.parse(serveEvent.getRequest().getBodyAsString());
            String body = Json.write(Json.object()
                    .put("MD5OfMessageBody", md5(request.get("MessageBody").asText().getBytes(StandardCharsets.UTF_8)))
                    .put("MD5OfMessageAttributes", attributesMd5(request.path("MessageAttributes")))
                    .put("MessageId", "5fea7756-0ea4-451a-a703-a558b933e274"));
            return new ResponseDefinitionBuilder().withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.0").withBody(body).build();
        }
    }

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .extensions(new SendMessageAnswer()));
    final SqsClient client;

    SqsDeadLetterQueueTest() {
        server.start();
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSQS.SendMessage"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.0"))
                .willReturn(aResponse().withTransformers("send-message")));
        client = SqsClient.builder()
                .endpointOverride(URI.create(server.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    @Test
    void aParkedRecordIsOneSendMessageWithTheRecordInTheBodyAndReasonAndAttemptsAsAttributes() {
        DeadLetter letter = new DeadLetter("4100000000001234", "0b9f6c1e-6f1a-4c39-9a55-3f1f3c1d2e10",
                "PutEvents rejected the entry 3 times: MalformedDetail: bad", 3,
                Map.of("pk", "provider#math", "event_type", "ProviderStarted", "stream_version", "2"));

        new SqsDeadLetterQueue(client, QUEUE_URL).park(letter);

        server.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSQS.SendMessage"))
                .withRequestBody(equalToJson("""
                        {"QueueUrl":"%s",
                         "MessageBody":"{\\"sequence_number\\":\\"4100000000001234\\",\\"event_id\\":\\"0b9f6c1e-6f1a-4c39-9a55-3f1f3c1d2e10\\",\\"reason\\":\\"PutEvents rejected the entry 3 times: MalformedDetail: bad\\",\\"attempts\\":3,\\"image\\":{\\"event_type\\":\\"ProviderStarted\\",\\"pk\\":\\"provider#math\\",\\"stream_version\\":\\"2\\"}}",
                         "MessageAttributes":{
                           "reason":{"DataType":"String","StringValue":"PutEvents rejected the entry 3 times: MalformedDetail: bad"},
                           "attempts":{"DataType":"Number","StringValue":"3"},
                           "sequence_number":{"DataType":"String","StringValue":"4100000000001234"},
                           "event_id":{"DataType":"String","StringValue":"0b9f6c1e-6f1a-4c39-9a55-3f1f3c1d2e10"}}}
                        """.formatted(QUEUE_URL))));
    }

    @Test
    void anUnreadableItemHasNoEventIdAttributeAndZeroAttempts() {
        new SqsDeadLetterQueue(client, QUEUE_URL).park(new DeadLetter("77", null,
                "stream record 77 is not a readable event item: attribute 'data' is missing", 0, Map.of("pk", "x")));

        JsonNode sent = Json.parse(server.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertThat(sent.get("MessageAttributes").has("event_id")).as("no made-up id for an unreadable item").isFalse();
        assertThat(Json.parse(sent.get("MessageBody").asText()).has("event_id")).isFalse();
        assertThat(sent.at("/MessageAttributes/attempts/StringValue").asText()).isEqualTo("0");
    }

    @Test
    void aQueueThatCannotTakeTheRecordThrowsSoTheFanOutLeavesItFailed() {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"no queue\"}")));

        assertThatThrownBy(() -> new SqsDeadLetterQueue(client, QUEUE_URL)
                .park(new DeadLetter("1", null, "r", 0, Map.of())))
                .isInstanceOf(SdkException.class);
    }

    /**
     * SQS's digest of message attributes: for each attribute by name, the length-prefixed name, data
     * type, a transport byte (1 = string value) and length-prefixed value.
     */
    static String attributesMd5(JsonNode attributes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.List<String> names = new java.util.ArrayList<>();
        attributes.fieldNames().forEachRemaining(names::add);
        java.util.Collections.sort(names);
        for (String name : names) {
            JsonNode attribute = attributes.get(name);
            lengthPrefixed(out, name);
            lengthPrefixed(out, attribute.get("DataType").asText());
            out.write(1);
            lengthPrefixed(out, attribute.get("StringValue").asText());
        }
        return md5(out.toByteArray());
    }

    private static void lengthPrefixed(java.io.ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
