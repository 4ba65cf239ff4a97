package dev.jetway.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.domain.provider.ProviderCommand;
import dev.jetway.core.domain.provider.ProviderEvent;
import dev.jetway.core.domain.provider.ProviderEventUpcasters;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.domain.provider.StopReason;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.eventstore.UpcasterChain;
import dev.jetway.core.json.Json;
import dev.jetway.core.security.PublishedEvents;
import dev.jetway.core.security.Redactor;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the code writes is what events-schema documents: every event type the code can emit, at the
 * schema version it writes, has a published schema and matches it, field for field.
 */
class EmittedEventsMatchSchemasTest {

    final ProviderEventCodec codec = new ProviderEventCodec();

    @Test
    void everyEventTypeTheCodeCanEmitHasASchemaAndMatchesIt() {
        Set<String> permitted = new TreeSet<>(Arrays.stream(ProviderEvent.class.getPermittedSubclasses())
                .map(Class::getSimpleName).toList());
        List<ProviderEvent> fixture = ProviderEventCodecTest.oneOfEachType();
        assertThat(fixture).extracting(ProviderEvent::eventType).as("one fixture per permitted event type")
                .containsExactlyInAnyOrderElementsOf(permitted);

        List<String> problems = new ArrayList<>();
        for (ProviderEvent event : fixture) {
            problems.addAll(PublishedEventSchemas.problems(envelopeOf(event)));
        }
        assertThat(problems).as("emitted events against jetway-events-schema").isEmpty();
    }

    @Test
    void thePublishedCopyOfEveryEventTypeWithCredentialsAndSecretsInItsTextStillMatchesItsSchema() {
        String token = "sk-" + "p".repeat(24);
        PublishedEvents published = new PublishedEvents(new Redactor(List.of("db-password-1")));
        List<ProviderEvent> fixture = new ArrayList<>(ProviderEventCodecTest.oneOfEachType());
        fixture.add(new ProviderEvent.ProviderRegistered("p", new ProviderSpec(ProviderSpec.remote("https://x.example/mcp?"
                + "api_key=" + token).mode(), null, "https://x.example/mcp?api_key=" + token, null,
                Map.of("DB_PASSWORD", "db-password-1"), Map.of("Authorization", "Bearer " + token), 0, 0, 0, null, null)));
        fixture.add(new ProviderEvent.ProviderStartFailed("p", "refused " + token + " db-password-1", 1));
        fixture.add(new ProviderEvent.ProviderStopped("p", StopReason.FAILURE, "password=db-password-1"));

        List<String> problems = new ArrayList<>();
        for (ProviderEvent event : fixture) {
            EventEnvelope copy = published.published(envelopeOf(event));
            assertThat(Json.write(copy)).as(event.eventType()).doesNotContain(token).doesNotContain("db-password-1");
            problems.addAll(PublishedEventSchemas.problems(copy));
        }
        assertThat(problems).as("published copies against jetway-events-schema").isEmpty();
    }

    @Test
    void anEmittedTypeWithoutAPublishedSchemaIsReported() {
        EventEnvelope alien = new EventEnvelope(UUID.randomUUID(), "ProviderTeleported", 1, "provider#p", 0,
                Instant.EPOCH, null, Json.object().put("provider", "p"));

        assertThat(PublishedEventSchemas.problems(alien)).as("a new event type must ship with its schema")
                .containsExactly("ProviderTeleported v1: no schema published in jetway-events-schema");
    }

    @Test
    void aFieldTheCodeWritesButTheSchemaDoesNotDeclareIsReported() {
        EventEnvelope envelope = envelopeOf(new ProviderEvent.ProviderRecovered("p"));
        envelope.data().put("recovered_by", "health-lambda");

        assertThat(PublishedEventSchemas.problems(envelope)).as("schema drift is caught, not tolerated")
                .containsExactly("ProviderRecovered v1: field $.recovered_by is written but not in the schema");
    }

    @Test
    void everyEventOfARealProviderLifecycleMatchesItsSchema() {
        InMemoryEventStore store = new InMemoryEventStore();
        ProviderRepository repository = new ProviderRepository(store,
                Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC));
        List<ProviderCommand> lifecycle = List.of(
                new ProviderCommand.Register(ProviderSpec.subprocess("python", "-m", "math")),
                new ProviderCommand.RequestStart(),
                new ProviderCommand.MarkStarted("stdio", 1, Duration.ofMillis(420)),
                new ProviderCommand.RecordUse(),
                ProviderCommand.RecordHealthCheck.fail("timeout"),
                ProviderCommand.RecordHealthCheck.fail("timeout"),
                ProviderCommand.RecordHealthCheck.fail("timeout"),
                ProviderCommand.RecordHealthCheck.pass(),
                new ProviderCommand.OpenCircuit(5, Duration.ofSeconds(30)),
                new ProviderCommand.HalfOpenCircuit(),
                new ProviderCommand.CloseCircuit(),
                new ProviderCommand.Stop(StopReason.FAILURE, "exit 1"),
                new ProviderCommand.RequestStart(),
                new ProviderCommand.MarkStartFailed("exit 1", Duration.ofSeconds(2)),
                new ProviderCommand.ChangeConfig(ProviderSpec.remote("https://mcp.example.com/mcp")),
                new ProviderCommand.Remove());
        for (ProviderCommand command : lifecycle) repository.execute("math", command, "scenario", null);

        List<EventEnvelope> emitted = store.read("provider#math", 0);
        List<String> problems = new ArrayList<>();
        emitted.forEach(e -> problems.addAll(PublishedEventSchemas.problems(e)));

        assertThat(emitted).extracting(EventEnvelope::eventType).as("the lifecycle emits most types")
                .hasSizeGreaterThanOrEqualTo(13);
        assertThat(problems).as("events a real lifecycle appended").isEmpty();
    }

    @Test
    void aStoredV1ProviderStoppedMatchesV1AndItsUpcastMatchesV2() throws IOException {
        EventEnvelope v1 = Json.convert(ProviderEventCodecTest.golden("ProviderStopped.v1.json"), EventEnvelope.class);
        EventEnvelope v2 = new UpcasterChain(ProviderEventUpcasters.all()).upcast(v1, 2);
        ((ObjectNode) v2.data()).remove("stopped_by");

        assertThat(PublishedEventSchemas.problems(v1)).as("v1 as stored, unknown key aside")
                .containsExactly("ProviderStopped v1: field $.stopped_by is written but not in the schema");
        assertThat(PublishedEventSchemas.problems(v2)).as("the upcaster produces valid v2 data").isEmpty();
    }

    private EventEnvelope envelopeOf(ProviderEvent event) {
        return codec.encode(event, UUID.randomUUID(), Instant.parse("2026-03-02T08:00:00Z"), "c").at("provider#p", 3);
    }
}
