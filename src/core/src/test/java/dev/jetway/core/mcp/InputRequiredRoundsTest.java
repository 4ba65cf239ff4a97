package dev.jetway.core.mcp;

import static dev.jetway.core.mcp.FrontDoorHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.json.Json;
import dev.jetway.core.upstream.ClientRequestRefusedException;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Stateless-era clients in front of a provider that asks two questions, one after the other, as
 * session-era server-to-client requests: each question becomes an InputRequiredResult, and the
 * retries either resume the held upstream call or, on another front door, replay it.
 */
class InputRequiredRoundsTest {

    private static final String V = "2026-07-28";
    private final AtomicInteger upstreamCalls = new AtomicInteger();
    private final Gateway gateway = Gateway.startingOnFirstUse(ConfigLoader.parse("""
            gateway: {background_discovery: false}
            providers:
              p: {mode: remote, url: "http://p.invalid/mcp"}
            """, "test.yaml"), new AskingProvider());
    private final RequestStateSealer sealer = new RequestStateSealer(new byte[32]);
    private final FrontDoor door = new FrontDoor(gateway, new InMemorySessionStore(), Clock.systemUTC(), false,
            RequestObserver.NONE, () -> sealer);
    private final FrontDoor otherInstance = new FrontDoor(gateway, new InMemorySessionStore(), Clock.systemUTC(), false,
            RequestObserver.NONE, () -> sealer);

    @Test
    void eachQuestionBecomesAnInputRequiredResultAndTheRetriesResumeTheSameUpstreamCall() {
        JsonNode first = call(door, "", "{\"sampling\":{},\"elicitation\":{}}");
        assertThat(first.at("/result/resultType").asText()).isEqualTo("input_required");
        assertThat(first.at("/result/inputRequests/step1/method").asText()).isEqualTo("elicitation/create");
        assertThat(first.at("/result/inputRequests/step1/params/_meta").isMissingNode())
                .as("the key hint is the gateway's, not the client's").isTrue();

        JsonNode second = call(door, answer("step1", "name", "Ada", first), "{\"elicitation\":{}}");
        assertThat(second.at("/result/inputRequests/step2/method").asText()).isEqualTo("elicitation/create");
        assertThat(second.at("/result/requestState").asText()).isNotEqualTo(first.at("/result/requestState").asText());

        JsonNode third = call(door, answer("step2", "color", "blue", second), "{\"elicitation\":{}}");
        assertThat(third.at("/result/content/0/text").asText()).isEqualTo("Ada likes blue");
        assertThat(upstreamCalls.get()).as("one upstream call across three client requests").isEqualTo(1);
    }

    @Test
    void aRetryOnAnInstanceThatDoesNotHoldTheCallReplaysItWithTheAnswersGivenSoFar() {
        JsonNode first = call(door, "", "{\"elicitation\":{}}");
        JsonNode second = call(otherInstance, answer("step1", "name", "Ada", first), "{\"elicitation\":{}}");
        assertThat(second.at("/result/inputRequests/step2").isObject()).as(second.toString()).isTrue();

        JsonNode third = call(door, answer("step2", "color", "red", second), "{\"elicitation\":{}}");

        assertThat(third.at("/result/content/0/text").asText()).isEqualTo("Ada likes red");
        assertThat(upstreamCalls.get()).as("the first call, and one replay on each instance that lacked it").isEqualTo(3);
    }

    @Test
    void anAlteredRequestStateIsRejectedWithInvalidParams() {
        JsonNode first = call(door, "", "{\"elicitation\":{}}");
        String state = first.at("/result/requestState").asText();
        String altered = RequestStateSealerTest.flipOneCharacter(state);

        JsonNode retry = call(door, "\"inputResponses\":{\"step1\":{\"action\":\"accept\",\"content\":{\"name\":\"x\"}}},"
                + "\"requestState\":\"" + altered + "\",", "{\"elicitation\":{}}");

        assertThat(retry.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(retry.at("/error/message").asText()).contains("integrity");
    }

    @Test
    void anAnswerOfTheWrongShapeIsInvalidParamsAndAMissingOneIsAskedAgain() {
        JsonNode first = call(door, "", "{\"elicitation\":{}}");
        String state = "\"requestState\":\"" + first.at("/result/requestState").asText() + "\",";

        JsonNode missing = call(door, "\"inputResponses\":{\"other\":{}}," + state, "{\"elicitation\":{}}");
        assertThat(missing.at("/result/inputRequests/step1").isObject()).as("asked again: " + missing).isTrue();

        String again = "\"requestState\":\"" + missing.at("/result/requestState").asText() + "\",";
        JsonNode wrong = call(door, "\"inputResponses\":{\"step1\":12345}," + again, "{\"elicitation\":{}}");
        assertThat(wrong.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
    }

    @Test
    void aQuestionTheClientHasNoCapabilityForIsRefusedUpstreamWithMissingCapability() {
        JsonNode result = call(door, "", "{\"sampling\":{}}");

        assertThat(result.at("/result/content/0/text").asText()).isEqualTo("refused -32021 elicitation");
    }

    @Test
    void anotherCallerCannotContinueARoundWithTheRequestStateIssuedToTheFirst() {
        dev.jetway.core.security.Caller alice = new dev.jetway.core.security.Caller("key:alice", java.util.Set.of(), java.util.Set.of());
        dev.jetway.core.security.Caller bob = new dev.jetway.core.security.Caller("key:bob", java.util.Set.of(), java.util.Set.of());
        JsonNode alicesFirst = call(door, "", "{\"elicitation\":{}}", alice);

        JsonNode bobsRetry = call(door, answer("step1", "name", "Mallory", alicesFirst), "{\"elicitation\":{}}", bob);

        assertThat(bobsRetry.at("/error/code").asInt()).as("Alice's requestState is hers: " + bobsRetry)
                .isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(upstreamCalls.get()).as("Bob neither resumed nor replayed Alice's call").isEqualTo(1);
    }

    private static String answer(String key, String field, String value, JsonNode previous) {
        return "\"inputResponses\":{\"" + key + "\":{\"action\":\"accept\",\"content\":{\"" + field + "\":\"" + value
                + "\"}}},\"requestState\":\"" + previous.at("/result/requestState").asText() + "\",";
    }

    private static JsonNode call(FrontDoor frontDoor, String extraParams, String capabilities) {
        return call(frontDoor, extraParams, capabilities, null);
    }

    private static JsonNode call(FrontDoor frontDoor, String extraParams, String capabilities,
                                 dev.jetway.core.security.Caller caller) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"p__ask\","
                + "\"arguments\":{}," + extraParams + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + V
                + "\",\"io.modelcontextprotocol/clientCapabilities\":" + capabilities + "}}}";
        return json(frontDoor.handle(new FrontDoorRequest("POST", "/mcp", HttpHeaders.of("Host", "127.0.0.1",
                "Content-Type", "application/json", "Accept", "application/json", FrontDoor.VERSION_HEADER, V,
                "Mcp-Method", "tools/call", "Mcp-Name", "p__ask"), body.getBytes(StandardCharsets.UTF_8)), caller));
    }

    /** A provider whose tool "ask" asks for a name, then a colour, each under a key hint. */
    private final class AskingProvider implements ProviderConnector {
        @Override
        public UpstreamSession connect(String name, ProviderSpec spec, UpstreamListener providerListener) {
            return new UpstreamSession() {
                @Override
                public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout) {
                    if (!method.equals("tools/call")) return Json.object();
                    upstreamCalls.incrementAndGet();
                    try {
                        String person = listener.onRequest(question("step1", "name")).join().at("/content/name").asText();
                        String color = listener.onRequest(question("step2", "color")).join().at("/content/color").asText();
                        return text(person + " likes " + color);
                    } catch (CompletionException e) {
                        ObjectNode error = ((ClientRequestRefusedException) e.getCause()).error();
                        return text("refused " + error.path("code").asInt() + " "
                                + error.at("/data/requiredCapabilities").fieldNames().next());
                    }
                }

                @Override
                public void notify(String method, ObjectNode params) {
                    // Not needed by these tests.
                }

                @Override
                public ObjectNode initializeResult() {
                    ObjectNode result = Json.object();
                    result.putObject("capabilities").putObject("tools");
                    return result;
                }

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void close() {
                    // Nothing to release.
                }
            };
        }

        private static ObjectNode question(String key, String field) {
            ObjectNode request = Json.object().put("jsonrpc", "2.0").put("id", 7).put("method", "elicitation/create");
            ObjectNode params = request.putObject("params").put("message", "Your " + field + "?");
            params.putObject("requestedSchema").put("type", "object").putObject("properties").putObject(field).put("type", "string");
            params.putObject("_meta").put(InputExchange.KEY_HINT, key);
            return request;
        }

        private static ObjectNode text(String value) {
            ObjectNode result = Json.object();
            result.putArray("content").addObject().put("type", "text").put("text", value);
            return result;
        }
    }
}
