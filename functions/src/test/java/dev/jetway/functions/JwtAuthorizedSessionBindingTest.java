package dev.jetway.functions;

import static dev.jetway.functions.PayloadSamples.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.core.upstream.ProviderUnavailableException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behind API Gateway's JWT authorizer ({@code aws.jwt}), API Gateway verifies each caller's token and
 * passes its claims in {@code requestContext.authorizer.jwt}. A session opened by one token subject
 * must not be usable, nor endable, by another subject.
 */
class JwtAuthorizedSessionBindingTest {

    static final String HOST = "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com";

    final LambdaGateway function = new LambdaGateway(ConfigLoader.parse("""
            gateway:
              allowed_hosts: [%s]
            providers:
              everything: {mode: remote, url: "https://everything.example/mcp"}
            aws:
              jwt:
                issuer: https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf
                audience: [my-app-client-id]
            """.formatted(HOST), "aws-jwt.yaml"),
            (name, spec, listener) -> { throw new ProviderUnavailableException(name, "not reached in this test"); },
            new InMemorySessionStore(), Clock.systemUTC());
    final GatewayHandler handler = new GatewayHandler(function.edge());

    APIGatewayV2HTTPResponse invokeAs(String subject, APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(Map.of("sub", subject, "iss", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf"));
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setJwt(jwt);
        event.getRequestContext().setAuthorizer(authorizer);
        return handler.handleRequest(event, new InvocationContext(event.getRequestContext().getRequestId()));
    }

    @Test
    void a_session_opened_by_one_jwt_subject_cannot_be_ended_by_another() {
        APIGatewayV2HTTPResponse opened = invokeAs("alice", load("initialize.json", null));
        assertThat(opened.getStatusCode()).isEqualTo(200);
        String aliceSession = opened.getHeaders().get("Mcp-Session-Id");

        APIGatewayV2HTTPResponse bobDeletes = invokeAs("bob", load("delete-session.json", aliceSession));

        assertThat(bobDeletes.getStatusCode()).as("Bob is told Alice's session does not exist").isEqualTo(404);
        APIGatewayV2HTTPResponse aliceAgain = invokeAs("alice", load("tools-list.json", aliceSession));
        assertThat(aliceAgain.getStatusCode()).as("Alice's session is still there").isNotEqualTo(404);
    }
}
