package dev.jetway.core.security;

import static dev.jetway.core.security.PolicyHarness.array;
import static dev.jetway.core.security.PolicyHarness.tool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.FrontDoorResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A resource the caller may not read is refused as unknown on every routed method, resources/unsubscribe
 * included: the answer must not depend on whether another caller's session subscribed to it.
 */
class UnsubscribeOracleTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final ApiKeyAuthenticator.NewKey alice = ApiKeyAuthenticator.generate("alice", Set.of("everything"), RANDOM);
    private final ApiKeyAuthenticator.NewKey bob = ApiKeyAuthenticator.generate("bob", Set.of("beta-user"), RANDOM);
    private PolicyHarness harness;

    @BeforeEach
    void gateway() {
        harness = new PolicyHarness("""
                gateway: {background_discovery: false}
                providers:
                  alpha: {mode: remote, url: "https://alpha.example/mcp"}
                  beta: {mode: remote, url: "https://beta.example/mcp"}
                security:
                  api_keys:
                    - {name: alice, sha256: "%s", roles: [everything]}
                    - {name: bob, sha256: "%s", roles: [beta-user]}
                  policy:
                    roles:
                      everything: {allow: ["*"]}
                      beta-user: {allow: ["beta__*"]}
                """.formatted(alice.entry().sha256(), bob.entry().sha256()), providers -> {
            providers.tools.put("alpha", array(tool("echo", "{}")));
            providers.tools.put("beta", array(tool("time", "{}")));
            providers.resources.put("alpha", array(Json.object().put("uri", "docs://secret-plan")));
        }).warm();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void bobsUnsubscribeFromAResourceHeMayNotReadAnswersTheSameWhetherOrNotAliceSubscribedToIt() {
        String bobs = harness.initialize(bob.key());
        String before = send(bobs, "resources/unsubscribe", "alpha+docs://secret-plan", bob);

        String alices = harness.initialize(alice.key());
        assertThat(Json.parse(send(alices, "resources/subscribe", "alpha+docs://secret-plan", alice)).has("result")).isTrue();
        String after = send(bobs, "resources/unsubscribe", "alpha+docs://secret-plan", bob);

        assertThat(Json.parse(before).has("error")).as("refused as unknown: " + before).isTrue();
        assertThat(after).as("Alice's subscription must not change Bob's answer").isEqualTo(before);
    }

    private String send(String session, String method, String uri, ApiKeyAuthenticator.NewKey key) {
        FrontDoorResponse response = harness.sessionRequest("POST", session, """
                {"jsonrpc":"2.0","id":3,"method":"%s","params":{"uri":"%s"}}""".formatted(method, uri), key.key());
        List<String> messages = new ArrayList<>();
        switch (response) {
            case FrontDoorResponse.Complete complete -> messages.add(complete.bodyText());
            case FrontDoorResponse.EventStream stream -> {
                try {
                    stream.body().writeTo(messages::add);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return messages.get(messages.size() - 1);
    }
}
