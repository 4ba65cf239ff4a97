package dev.jetway.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.json.Json;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GatewayRoutingTest {

    /** Providers that list one tool named after a script and answer calls with extra fields. */
    private static final class Providers implements ProviderConnector {
        final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();
        final List<ObjectNode> callParams = new CopyOnWriteArrayList<>();
        final Map<String, List<String>> tools;
        final String failing;

        Providers(Map<String, List<String>> tools, String failing) {
            this.tools = tools;
            this.failing = failing;
        }

        @Override
        public UpstreamSession connect(String name, ProviderSpec spec, UpstreamListener listener) {
            starts.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            if (name.equals(failing)) throw new ProviderUnavailableException(name, "exit status 127 (command not found)");
            return new UpstreamSession() {
                public ObjectNode request(String method, ObjectNode params, UpstreamListener l, Duration t) {
                    ObjectNode result = Json.object();
                    if (method.equals("tools/list")) {
                        var list = result.putArray("tools");
                        tools.getOrDefault(name, List.of()).forEach(tool -> list.addObject().put("name", tool)
                                .put("x-vendor", "kept"));
                    } else {
                        callParams.add(params.deepCopy());
                        result.putArray("content").addObject().put("type", "text").put("text", name)
                                .put("futureField", 1);
                        result.putObject("_meta").put("vendor/trace", "abc");
                        result.put("structuredUnknown", true);
                    }
                    return result;
                }

                public void notify(String method, ObjectNode params) {}

                public ObjectNode initializeResult() {
                    ObjectNode init = Json.object();
                    init.putObject("capabilities").putObject("tools");
                    return init;
                }

                public boolean isOpen() {
                    return true;
                }

                public void close() {}
            };
        }
    }

    private static Gateway gateway(String gatewaySection, Providers providers) {
        return Gateway.startingOnFirstUse(ConfigLoader.parse(gatewaySection + """
                providers:
                  alpha: {mode: remote, url: "http://a.invalid"}
                  beta: {mode: remote, url: "http://b.invalid"}
                """, "t.yaml"), providers);
    }

    @Test
    void toolsListNeverStartsAProviderAndAnswersFromThePredefinedTools() {
        Providers providers = new Providers(Map.of(), null);
        Gateway gateway = Gateway.startingOnFirstUse(ConfigLoader.parse("""
                gateway: {background_discovery: false}
                providers:
                  alpha: {mode: remote, url: "http://a.invalid", tools: [{name: search, description: predefined}]}
                """, "t.yaml"), providers);

        ObjectNode result = gateway.list(ListKind.TOOLS);

        assertThat(result.at("/tools/0/name").asText()).isEqualTo("alpha__search");
        assertThat(providers.starts).as("no provider was started by tools/list").isEmpty();
    }

    @Test
    void theFirstCallStartsTheProviderOnceAndTheListIsThenTheOneItReturned() {
        Providers providers = new Providers(Map.of("alpha", List.of("echo", "add")), null);
        Gateway gateway = gateway("gateway: {background_discovery: false}\n", providers);

        gateway.route("tools/call", (ObjectNode) Json.parse("{\"name\":\"alpha__echo\"}"), UpstreamListener.NONE);
        gateway.route("tools/call", (ObjectNode) Json.parse("{\"name\":\"alpha__add\"}"), UpstreamListener.NONE);

        assertThat(providers.starts.get("alpha").get()).isEqualTo(1);
        assertThat(gateway.list(ListKind.TOOLS).get("tools")).extracting(t -> t.get("name").asText())
                .containsExactly("alpha__echo", "alpha__add");
        assertThat(gateway.list(ListKind.TOOLS).at("/tools/0/x-vendor").asText())
                .as("unknown fields of a tool definition pass through").isEqualTo("kept");
    }

    @Test
    void unknownFieldsInParamsAndResultsPassThroughUnchanged() {
        Providers providers = new Providers(Map.of("alpha", List.of("echo")), null);
        Gateway gateway = gateway("gateway: {background_discovery: false}\n", providers);
        ObjectNode params = (ObjectNode) Json.parse("""
                {"name":"alpha__echo","arguments":{"a":1},"newParam":{"deep":[1,2]},"_meta":{"vendor/x":"y"}}""");

        ObjectNode result = gateway.route("tools/call", params, UpstreamListener.NONE);

        assertThat(Json.write(providers.callParams.get(0))).isEqualTo(
                "{\"name\":\"echo\",\"arguments\":{\"a\":1},\"newParam\":{\"deep\":[1,2]},\"_meta\":{\"vendor/x\":\"y\"}}");
        assertThat(Json.write(result)).isEqualTo("{\"content\":[{\"type\":\"text\",\"text\":\"alpha\",\"futureField\":1}],"
                + "\"_meta\":{\"vendor/trace\":\"abc\"},\"structuredUnknown\":true}");
    }

    @Test
    void aFailingProviderYieldsAToolErrorNamingItWhileOthersKeepServing() {
        Providers providers = new Providers(Map.of("beta", List.of("echo")), "alpha");
        Gateway gateway = gateway("gateway: {background_discovery: false}\n", providers);

        ObjectNode failed = gateway.route("tools/call", (ObjectNode) Json.parse("{\"name\":\"alpha__echo\"}"), UpstreamListener.NONE);
        ObjectNode served = gateway.route("tools/call", (ObjectNode) Json.parse("{\"name\":\"beta__echo\"}"), UpstreamListener.NONE);

        assertThat(failed.get("isError").asBoolean()).isTrue();
        assertThat(failed.at("/content/0/text").asText())
                .isEqualTo("provider 'alpha' is unavailable: exit status 127 (command not found)");
        assertThat(served.at("/content/0/text").asText()).isEqualTo("beta");
        assertThat(gateway.describeState("alpha")).as("a failed start leaves the provider DEAD with the reason")
                .startsWith("DEAD").contains("exit status 127");
        assertThat(gateway.describeState("beta")).isEqualTo("READY");
    }

    @Test
    void withoutPrefixesACollidingToolIsLeftOutOfTheListAndACallIsRefusedNamingBothProviders() {
        Providers providers = new Providers(Map.of("alpha", List.of("search", "a-only"), "beta", List.of("search")), null);
        Gateway gateway = gateway("gateway: {background_discovery: false, prefix_names: false}\n", providers);
        gateway.warm("alpha");
        gateway.warm("beta");

        assertThat(gateway.list(ListKind.TOOLS).get("tools")).extracting(t -> t.get("name").asText())
                .containsExactly("a-only");
        assertThatThrownBy(() -> gateway.route("tools/call", (ObjectNode) Json.parse("{\"name\":\"search\"}"),
                UpstreamListener.NONE))
                .isInstanceOf(NameCollisionException.class)
                .hasMessage("tool 'search' is offered by providers [alpha, beta]; rename one or turn gateway.prefix_names on");
    }

    @Test
    void resourceUrisAreNamespacedWithTheProviderAsPartOfTheScheme() {
        NameMapping names = new NameMapping(true, "__", java.util.Set.of("everything"));

        assertThat(names.expose("everything", "test://static/1", true)).isEqualTo("everything+test://static/1");
        assertThat(names.parse("everything+test://static/1", true)).contains(new Route("everything", "test://static/1"));
        assertThat(names.parse("everything__get-sum", false)).contains(new Route("everything", "get-sum"));
        assertThat(names.parse("other__x", false)).as("only configured providers").isEmpty();
    }
}
