package dev.jetway.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.domain.provider.GroupSpec;
import dev.jetway.core.domain.provider.ProviderEvent;
import dev.jetway.core.domain.provider.ProviderEvent.*;
import dev.jetway.core.domain.provider.ProviderEventUpcasters;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.domain.provider.StopReason;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.NewEvent;
import dev.jetway.core.eventstore.UnknownEventTypeException;
import dev.jetway.core.eventstore.Upcaster;
import dev.jetway.core.eventstore.UpcasterChain;
import dev.jetway.core.eventstore.UpcastingException;
import dev.jetway.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProviderEventCodecTest {

    final ProviderEventCodec codec = new ProviderEventCodec();

    static ObjectNode golden(String name) throws IOException {
        try (InputStream in = ProviderEventCodecTest.class.getResourceAsStream("/golden/" + name)) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        }
    }

    static List<ProviderEvent> oneOfEachType() {
        ProviderSpec spec = new ProviderSpec(ProviderMode.GROUP, null, null, null, Map.of("K", "v"), null, 60, 10, 2,
                Json.parse("[{\"name\":\"add\",\"inputSchema\":{\"type\":\"object\"}}]"),
                new GroupSpec(GroupSpec.Strategy.PRIORITY, List.of(new GroupSpec.Member("a", 2, 1)), 1));
        String hash = "a".repeat(64);
        return List.of(
                new ProviderRegistered("p", spec),
                new ProviderConfigChanged("p", ProviderSpec.remote("https://mcp.example.com/mcp")),
                new ProviderRemoved("p"),
                new ProviderStartRequested("p", 2),
                new ProviderStarted("p", "stdio", 4, 1234, Instant.parse("2026-11-21T10:00:01Z")),
                new ProviderStartFailed("p", "boom", 3, Instant.parse("2026-11-21T10:00:04Z")),
                new ProviderUsed("p", Instant.parse("2026-11-21T10:00:02Z")),
                new ProviderDegraded("p", 3, "3 failures"),
                new ProviderRecovered("p"),
                new ProviderStopped("p", StopReason.FAILURE, "exit 1"),
                new HealthCheckFailed("p", 1, "timeout"),
                new HealthCheckPassed("p", 1),
                new CircuitOpened("p", 5, Instant.parse("2026-11-21T10:00:30Z")),
                new CircuitHalfOpened("p"),
                new CircuitClosed("p"),
                new ToolSchemaVersionCreated("p", "tools/list", 2, hash.substring(0, 16), hash,
                        Json.parse("{\"tools\":[{\"name\":\"add\"},{\"name\":\"sum\"}]}"), 2, List.of("sum"),
                        List.of("mul"), List.of("add")),
                new ProviderEvent.ToolSchemaVersionApproved("p", "tools/list", 2, hash.substring(0, 16), hash, "key:ops", 1));
    }

    @Test
    void everyEventTypeSurvivesEncodeAndDecode() {
        List<ProviderEvent> all = oneOfEachType();
        assertThat(all).extracting(ProviderEvent::eventType).as("the fixture covers every permitted type")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ProviderEvent.class.getPermittedSubclasses())
                        .map(Class::getSimpleName).toList());
        for (ProviderEvent event : all) {
            NewEvent encoded = codec.encode(event, UUID.randomUUID(), Instant.EPOCH, "c");
            assertThat(codec.decode(encoded.at("provider#p", 0))).as(event.eventType()).isEqualTo(event);
        }
    }

    @Test
    void providerStoppedIsWrittenAtSchemaVersionTwo() {
        NewEvent encoded = codec.encode(new ProviderStopped("p", StopReason.IDLE, null), UUID.randomUUID(), Instant.EPOCH, null);
        assertThat(encoded.schemaVersion()).isEqualTo(2);
        assertThat(encoded.data().get("reason").asText()).isEqualTo("idle");
    }

    @Test
    void aV1ProviderStoppedFromTheGoldenFileReadsAsTheCurrentVersion() throws IOException {
        EventEnvelope v1 = Json.convert(golden("ProviderStopped.v1.json"), EventEnvelope.class);
        assertThat(v1.schemaVersion()).as("an envelope without _version is version 1").isEqualTo(1);

        EventEnvelope upcast = new UpcasterChain(ProviderEventUpcasters.all()).upcast(v1, 2);
        ProviderEvent decoded = codec.decode(v1);

        assertThat(upcast.data()).as("golden v2 data, the unknown key 'stopped_by' passed through")
                .isEqualTo(golden("ProviderStopped.v2.json"));
        assertThat(decoded).isEqualTo(new ProviderStopped("math", StopReason.IDLE, "idle timeout after 300s"));
        assertThat(v1.data().get("reason").asText()).as("upcasting never modifies the stored data")
                .isEqualTo("idle timeout after 300s");
    }

    @Test
    void unknownKeysInDataAreIgnoredOnRead() {
        ObjectNode data = Json.object().put("provider", "p").put("endpoint", "stdio").put("tools_count", 2)
                .put("startup_duration_ms", 5).put("added_by_a_newer_minor", true);
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), "ProviderStarted", 1, "provider#p", 0,
                Instant.EPOCH, null, data);

        assertThat(codec.decode(envelope)).isEqualTo(new ProviderStarted("p", "stdio", 2, 5));
    }

    @Test
    void aMissingUpcasterStepIsNamedWithTypeAndVersions() {
        ProviderEventCodec withoutSteps = new ProviderEventCodec(new UpcasterChain(List.of()));
        EventEnvelope v1 = new EventEnvelope(UUID.randomUUID(), "ProviderStopped", 1, "provider#p", 0, Instant.EPOCH,
                null, Json.object().put("provider", "p").put("reason", "manual"));

        assertThatThrownBy(() -> withoutSteps.decode(v1)).isInstanceOfSatisfying(UpcastingException.class, e -> {
            assertThat(e.eventType()).isEqualTo("ProviderStopped");
            assertThat(e.fromVersion()).isEqualTo(1);
            assertThat(e.toVersion()).isEqualTo(2);
            assertThat(e.getMessage()).contains("ProviderStopped", "v1", "v2");
        });
    }

    @Test
    void aChainWithAGapInTheMiddleFailsAtTheGap() {
        Upcaster oneToTwo = step("Thing", 1);
        Upcaster threeToFour = step("Thing", 3);
        EventEnvelope v1 = new EventEnvelope(UUID.randomUUID(), "Thing", 1, "s", 0, Instant.EPOCH, null, Json.object());

        assertThatThrownBy(() -> new UpcasterChain(List.of(oneToTwo, threeToFour)).upcast(v1, 4))
                .isInstanceOfSatisfying(UpcastingException.class, e -> assertThat(e.fromVersion()).isEqualTo(2));
    }

    @Test
    void stepsRunInOrderOneVersionAtATime() {
        List<Integer> seen = new ArrayList<>();
        Upcaster a = new Upcaster() {
            public String eventType() { return "Thing"; }
            public int fromVersion() { return 1; }
            public ObjectNode upcast(ObjectNode d) { seen.add(1); return d.put("b", d.get("a").asInt() * 2); }
        };
        Upcaster b = new Upcaster() {
            public String eventType() { return "Thing"; }
            public int fromVersion() { return 2; }
            public ObjectNode upcast(ObjectNode d) { seen.add(2); return d.put("c", d.get("b").asInt() + 1); }
        };
        EventEnvelope v1 = new EventEnvelope(UUID.randomUUID(), "Thing", 1, "s", 0, Instant.EPOCH, null,
                Json.object().put("a", 5));

        EventEnvelope v3 = new UpcasterChain(List.of(b, a)).upcast(v1, 3);

        assertThat(seen).containsExactly(1, 2);
        assertThat(v3.schemaVersion()).isEqualTo(3);
        assertThat(v3.data()).isEqualTo(Json.object().put("a", 5).put("b", 10).put("c", 11));
    }

    @Test
    void anEventFromANewerSchemaThanTheCodeIsRefusedNotMisread() {
        EventEnvelope v3 = new EventEnvelope(UUID.randomUUID(), "ProviderStopped", 3, "provider#p", 0, Instant.EPOCH,
                null, Json.object());
        assertThatThrownBy(() -> codec.decode(v3)).isInstanceOf(UpcastingException.class).hasMessageContaining("newer");
    }

    @Test
    void anUnknownEventTypeIsATypedError() {
        EventEnvelope alien = new EventEnvelope(UUID.randomUUID(), "ProviderTeleported", 1, "provider#p", 4,
                Instant.EPOCH, null, Json.object());
        assertThatThrownBy(() -> codec.decode(alien)).isInstanceOf(UnknownEventTypeException.class)
                .hasMessageContaining("ProviderTeleported").hasMessageContaining("provider#p v4");
    }

    @Test
    void twoUpcastersForTheSameStepAreRefused() {
        assertThatThrownBy(() -> new UpcasterChain(List.of(step("T", 1), step("T", 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Upcaster step(String type, int from) {
        return new Upcaster() {
            public String eventType() { return type; }
            public int fromVersion() { return from; }
            public ObjectNode upcast(ObjectNode d) { return d; }
        };
    }
}
