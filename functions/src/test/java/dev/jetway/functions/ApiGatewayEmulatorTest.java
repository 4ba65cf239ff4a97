package dev.jetway.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emulator builds the events API Gateway would build, and turns responses back into HTTP. */
class ApiGatewayEmulatorTest {

    final List<APIGatewayV2HTTPEvent> received = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();
    ApiGatewayEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) emulator.close();
    }

    ApiGatewayEmulator answering(APIGatewayV2HTTPResponse response) throws Exception {
        emulator = new ApiGatewayEmulator((event, context) -> {
            received.add(event);
            return response;
        });
        return emulator;
    }

    static APIGatewayV2HTTPResponse response(int status, Map<String, String> headers, String body, boolean base64) {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(headers);
        response.setBody(body);
        response.setIsBase64Encoded(base64);
        return response;
    }

    @Test
    void aRequestBecomesAPayloadV2EventWithCookiesSplitOutAndRepeatedHeadersJoined() throws Exception {
        answering(response(200, Map.of("Content-Type", "application/json"), "{}", false));

        http.send(HttpRequest.newBuilder(URI.create(emulator.url("/mcp?debug=1&debug=2")))
                .header("Accept", "application/json").header("Accept", "text/event-stream")
                .header("Cookie", "a=1; b=2").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\"}")).build(), HttpResponse.BodyHandlers.ofString());

        APIGatewayV2HTTPEvent event = received.get(0);
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRawPath()).isEqualTo("/mcp");
        assertThat(event.getRawQueryString()).isEqualTo("debug=1&debug=2");
        assertThat(event.getQueryStringParameters()).containsEntry("debug", "1,2");
        assertThat(event.getCookies()).containsExactly("a=1", "b=2");
        assertThat(event.getHeaders()).containsEntry("accept", "application/json,text/event-stream")
                .doesNotContainKey("cookie").doesNotContainKey("Accept");
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getRequestContext().getStage()).isEqualTo("$default");
        assertThat(event.getRequestContext().getRequestId()).isNotBlank();
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getBody()).isEqualTo("{\"jsonrpc\":\"2.0\"}");
    }

    @Test
    void aBinaryBodyArrivesBase64Encoded() throws Exception {
        answering(response(204, Map.of(), null, false));
        byte[] binary = {0, 1, (byte) 0xff};

        http.send(HttpRequest.newBuilder(URI.create(emulator.url("/mcp"))).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary)).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(received.get(0).getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(received.get(0).getBody())).isEqualTo(binary);
    }

    @Test
    void theHandlersResponseBecomesTheHttpResponseWithCookiesAndBase64Decoded() throws Exception {
        APIGatewayV2HTTPResponse reply = response(201, Map.of("Content-Type", "application/octet-stream", "X-Test", "yes"),
                Base64.getEncoder().encodeToString(new byte[] {7, 8, 9}), true);
        reply.setCookies(List.of("s=1; Secure", "t=2"));
        answering(reply);

        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(emulator.url("/mcp"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).containsExactly(7, 8, 9);
        assertThat(response.headers().firstValue("X-Test")).contains("yes");
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly("s=1; Secure", "t=2");
    }

    @Test
    void aFailingFunctionIsAnswered500LikeApiGatewayDoes() throws Exception {
        emulator = new ApiGatewayEmulator((event, context) -> {
            throw new IllegalStateException("boom");
        });

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(emulator.url("/mcp"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }
}
