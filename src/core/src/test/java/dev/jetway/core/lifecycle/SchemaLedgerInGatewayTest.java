package dev.jetway.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.domain.resilience.RetryBackoff;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.gateway.ListKind;
import dev.jetway.core.json.Json;
import dev.jetway.core.ledger.InMemorySchemaVersionStore;
import dev.jetway.core.ledger.ListMethod;
import dev.jetway.core.testing.SettableClock;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every list a provider returns goes through the gateway into the schema ledger; registry_tools reads it back. */
class SchemaLedgerInGatewayTest {

    static final GatewayConfig CONFIG = ConfigLoader.parse("""
            gateway: {background_discovery: false}
            providers:
              math: {mode: remote, url: "https://math.example.com/mcp"}
            """, "test.yaml");

    final SettableClock clock = SettableClock.at("2026-11-21T10:00:00Z");
    final InMemorySchemaVersionStore schemas = new InMemorySchemaVersionStore();
    final InMemoryEventStore store = new InMemoryEventStore();
    final MathProvider provider = new MathProvider();
    final List<LifecycleRuntime> runtimes = new ArrayList<>();

    /** A provider whose tool list the test changes between starts. */
    static final class MathProvider implements ProviderConnector {
        volatile String tools = "[{\"name\":\"add\",\"description\":\"adds\",\"inputSchema\":{\"type\":\"object\"}}]";
        final AtomicInteger starts = new AtomicInteger();

        @Override
        public UpstreamSession connect(String name, ProviderSpec spec, UpstreamListener listener) {
            starts.incrementAndGet();
            String listed = tools;
            return new UpstreamSession() {
                public ObjectNode request(String method, ObjectNode params, UpstreamListener l, Duration timeout) {
                    if (method.equals("tools/list")) return (ObjectNode) Json.parse("{\"tools\":" + listed + "}");
                    ObjectNode result = Json.object();
                    result.putArray("content").addObject().put("type", "text").put("text", "4");
                    return result;
                }

                public void notify(String method, ObjectNode params) {}

                public ObjectNode initializeResult() {
                    ObjectNode init = Json.object().put("protocolVersion", "2025-11-25");
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

    LifecycleRuntime instance() {
        LifecycleRuntime runtime = LifecycleRuntime.create(CONFIG, store, schemas, new ConnectorLauncher(provider), clock,
                RetryBackoff.DEFAULT);
        runtimes.add(runtime);
        return runtime;
    }

    @AfterEach
    void close() {
        runtimes.forEach(LifecycleRuntime::close);
    }

    static ObjectNode call(LifecycleRuntime runtime, String tool, String arguments) {
        return runtime.gateway().route("tools/call", (ObjectNode) Json.parse(
                "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}"), UpstreamListener.NONE);
    }

    @Test
    void aListWithNewContentIsANewVersionWithItsEventAndTheSameContentAgainIsNot() {
        LifecycleRuntime runtime = instance();
        call(runtime, "math__add", "{}");
        call(runtime, "registry_stop", "{\"provider\":\"math\"}");
        call(runtime, "math__add", "{}");
        assertThat(provider.starts.get()).as("started twice, listed twice").isEqualTo(2);
        assertThat(runtime.gateway().ledger().versions("math", ListMethod.TOOLS)).as("the same list is one version")
                .hasSize(1);

        provider.tools = "[{\"name\":\"add\",\"description\":\"adds two numbers\",\"inputSchema\":{\"type\":\"object\"}},"
                + "{\"name\":\"sub\",\"inputSchema\":{\"type\":\"object\"}}]";
        call(runtime, "registry_stop", "{\"provider\":\"math\"}");
        call(runtime, "math__add", "{}");

        assertThat(runtime.gateway().ledger().latest("math", ListMethod.TOOLS).orElseThrow().number()).isEqualTo(2);
        assertThat(schemas.events()).extracting(EventEnvelope::eventType)
                .containsExactly("ToolSchemaVersionCreated", "ToolSchemaVersionCreated");
        JsonNode second = schemas.events().get(1).data();
        assertThat(second.get("added")).containsExactly(Json.MAPPER.getNodeFactory().textNode("sub"));
        assertThat(second.get("changed")).containsExactly(Json.MAPPER.getNodeFactory().textNode("add"));
        assertThat(store.read("provider#math").stream().map(EventEnvelope::eventType))
                .as("versions live on the ledger's streams only, one source of numbers")
                .doesNotContain("ToolSchemaVersionCreated");
    }

    @Test
    void registryToolsShowsTheCurrentToolsTheHistoryAndTheDifferenceBetweenTwoVersions() {
        LifecycleRuntime runtime = instance();
        call(runtime, "math__add", "{}");
        provider.tools = "[{\"name\":\"add\",\"description\":\"adds two numbers\",\"inputSchema\":{\"type\":\"object\"}},"
                + "{\"name\":\"sub\",\"inputSchema\":{\"type\":\"object\"}}]";
        call(runtime, "registry_stop", "{\"provider\":\"math\"}");
        call(runtime, "math__add", "{}");

        JsonNode shown = call(runtime, "registry_tools", "{\"provider\":\"math\",\"history\":true,\"diff\":[1,2]}")
                .get("structuredContent");

        assertThat(shown.get("version").asInt()).isEqualTo(2);
        assertThat(shown.get("tools")).extracting(t -> t.get("name").asText()).containsExactly("add", "sub");
        assertThat(shown.get("history")).extracting(h -> h.get("version").asInt()).containsExactly(1, 2);
        assertThat(shown.at("/history/1/added/0").asText()).isEqualTo("sub");
        assertThat(shown.at("/diff/added/0").asText()).isEqualTo("sub");
        assertThat(shown.at("/diff/changed/0/name").asText()).isEqualTo("add");
        assertThat(shown.at("/diff/changed/0/fields/0").asText()).isEqualTo("description");
    }

    @Test
    void registryToolsNamesWhatIsWrongWithItsArguments() {
        LifecycleRuntime runtime = instance();
        assertThat(call(runtime, "registry_tools", "{\"provider\":\"nope\"}").at("/content/0/text").asText())
                .contains("unknown provider 'nope'", "math");
        call(runtime, "math__add", "{}");
        assertThat(call(runtime, "registry_tools", "{\"provider\":\"math\",\"diff\":[1,7]}").at("/content/0/text").asText())
                .contains("7");
        assertThat(call(runtime, "registry_tools", "{\"provider\":\"math\",\"method\":\"sampling\"}")
                .at("/content/0/text").asText()).contains("tools/list", "prompts/list");
    }

    @Test
    void anotherInstanceListsTheLedgersLatestToolsWithoutStartingTheProvider() {
        call(instance(), "math__add", "{}");
        int starts = provider.starts.get();

        LifecycleRuntime other = instance();
        JsonNode tools = other.gateway().list(ListKind.TOOLS).get("tools");

        assertThat(tools).extracting(t -> t.get("name").asText()).contains("math__add");
        assertThat(provider.starts.get()).as("listing did not start the provider").isEqualTo(starts);
    }
}
