package dev.jetway.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Payload v2 events as API Gateway sends them (src/test/resources/events), read with the Lambda
 * runtime's own serializer. {@code ${SESSION_ID}} in a sample stands for the session of the test.
 */
final class PayloadSamples {

    private PayloadSamples() {}

    static APIGatewayV2HTTPEvent load(String name, String sessionId) {
        try (InputStream in = PayloadSamples.class.getResourceAsStream("/events/" + name)) {
            if (in == null) throw new IllegalArgumentException("no sample events/" + name);
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${SESSION_ID}", sessionId == null ? "" : sessionId);
            return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, PayloadSamples.class.getClassLoader())
                    .fromJson(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last JSON-RPC message of a JSON body or of a buffered event-stream body. */
    static JsonNode lastMessage(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        if (!response.getHeaders().getOrDefault("Content-Type", "").startsWith("text/event-stream")) {
            return Json.parse(body);
        }
        String last = null;
        for (String line : body.split("\n")) if (line.startsWith("data: ")) last = line.substring(6);
        return Json.parse(last);
    }
}
