package dev.jetway.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.security.AuthorizerClaims;
import dev.jetway.core.security.IamPrincipal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiMappingTest {

    static APIGatewayV2HTTPEvent event(String method, String rawPath, String stage, Map<String, String> headers) {
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default").withRawPath(rawPath)
                .withRawQueryString("").withHeaders(headers)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withStage(stage)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method)
                                .withPath(rawPath).build()).build())
                .build();
    }

    @Test
    void aBase64EncodedBodyReachesTheFrontDoorAsTheOriginalBytes() {
        APIGatewayV2HTTPEvent event = event("POST", "/mcp", "$default", Map.of("content-type", "application/json"));
        event.setBody(Base64.getEncoder().encodeToString("{\"x\":\"é\"}".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        FrontDoorRequest request = HttpApiMapping.toRequest(event);

        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"x\":\"é\"}");
    }

    @Test
    void headerNamesAreCaseInsensitiveAndCommaJoinedValuesStayOneHeader() {
        APIGatewayV2HTTPEvent event = event("POST", "/mcp", "$default",
                Map.of("Content-TYPE", "application/json", "accept", "application/json,text/event-stream"));

        FrontDoorRequest request = HttpApiMapping.toRequest(event);

        assertThat(request.headers().first("content-type")).contains("application/json");
        assertThat(request.headers().tokens("Accept"))
                .as("API Gateway joins repeated headers with commas; the front door splits lists itself")
                .containsExactly("application/json", "text/event-stream");
    }

    @Test
    void cookiesComeBackAsOneCookieHeader() {
        APIGatewayV2HTTPEvent event = event("POST", "/mcp", "$default", Map.of());
        event.setCookies(List.of("a=1", "b=2"));

        assertThat(HttpApiMapping.toRequest(event).headers().first("Cookie")).contains("a=1; b=2");
    }

    @Test
    void aNamedStageIsNotPartOfThePathTheFrontDoorSees() {
        APIGatewayV2HTTPEvent event = event("DELETE", "/prod/mcp", "prod", Map.of());
        event.setRawQueryString("x=1");

        FrontDoorRequest request = HttpApiMapping.toRequest(event);

        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.path()).isEqualTo("/mcp?x=1");
    }

    @Test
    void anEventWithoutAnHttpMethodIsRefusedWithWhatWasExpected() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();

        assertThatThrownBy(() -> HttpApiMapping.toRequest(event)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload format version 2.0");
    }

    @Test
    void anEventStreamIsRunToItsEndAndSentAsOneTextEventStreamBody() {
        FrontDoorResponse stream = new FrontDoorResponse.EventStream(200, Map.of("Content-Type", "text/event-stream"),
                sink -> {
                    assertThat(sink.isLive()).as("a buffered writer says it is not live").isFalse();
                    sink.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}");
                    sink.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
                });

        APIGatewayV2HTTPResponse response = HttpApiMapping.toResponse(stream);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/event-stream");
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getBody()).isEqualTo("event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n\n"
                + "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n");
    }

    @Test
    void bytesThatAreNotUtf8AreSentBase64EncodedAndSetCookieMovesToCookies() {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0};
        FrontDoorResponse complete = new FrontDoorResponse.Complete(200,
                Map.of("Content-Type", "application/octet-stream", "Set-Cookie", "s=1"), binary);

        APIGatewayV2HTTPResponse response = HttpApiMapping.toResponse(complete);

        assertThat(response.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(response.getBody())).isEqualTo(binary);
        assertThat(response.getCookies()).containsExactly("s=1");
        assertThat(response.getHeaders()).doesNotContainKey("Set-Cookie");
    }

    @Test
    void theIdentityOfAnIamAuthorizedRouteComesFromTheRequestContext() {
        APIGatewayV2HTTPEvent event = event("POST", "/mcp", "$default", Map.of());
        event.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                        .withUserArn("arn:aws:sts::123456789012:assumed-role/agents/bot").withAccountId("123456789012")
                        .build()).build());

        var principal = HttpApiMapping.verifiedIdentity(event);

        assertThat(principal).isEqualTo(new IamPrincipal("arn:aws:sts::123456789012:assumed-role/agents/bot", "123456789012"));
    }

    @Test
    void headersNeverStandInForAVerifiedIdentity() {
        APIGatewayV2HTTPEvent event = event("POST", "/mcp", "$default", Map.of(
                "x-amzn-iam-user-arn", "arn:aws:iam::123456789012:user/ops",
                "authorization", "AWS4-HMAC-SHA256 Credential=AKIA/20260101/eu-west-1/execute-api/aws4_request"));
        APIGatewayV2HTTPEvent jwtRoute = event("POST", "/mcp", "$default", Map.of());
        jwtRoute.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(Map.of("sub", "x")).build())
                .build());

        assertThat(HttpApiMapping.verifiedIdentity(event)).isNull();
        assertThat(HttpApiMapping.verifiedIdentity(jwtRoute)).isEqualTo(new AuthorizerClaims("x", java.util.Set.of()));
    }

    @Test
    void theJwtAuthorizersSubjectAndScopesBecomeTheVerifiedIdentity() {
        APIGatewayV2HTTPEvent event = event("POST", "/mcp", "$default", Map.of());
        event.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                        .withClaims(Map.of("sub", "alice", "scope", "mcp:tools  mcp:resources"))
                        .withScopes(List.of("mcp:admin")).build())
                .build());

        assertThat(HttpApiMapping.verifiedIdentity(event))
                .isEqualTo(new AuthorizerClaims("alice", java.util.Set.of("mcp:tools", "mcp:resources", "mcp:admin")));
    }
}
