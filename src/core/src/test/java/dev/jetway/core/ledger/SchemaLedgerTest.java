package dev.jetway.core.ledger;

import static dev.jetway.core.ledger.SchemaVersionStoreContract.CLOCK;
import static dev.jetway.core.ledger.SchemaVersionStoreContract.tools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.domain.provider.ProviderEvent.ToolSchemaVersionCreated;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.json.CanonicalJson;
import dev.jetway.core.json.Json;
import dev.jetway.core.registry.PublishedEventSchemas;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaLedgerTest {

    final InMemorySchemaVersionStore store = new InMemorySchemaVersionStore();
    final SchemaLedger ledger = new SchemaLedger(store, CLOCK);

    static final JsonNode V1 = Json.parse("""
            {"tools": [
              {"name": "add", "description": "Adds", "inputSchema": {"type": "object", "required": ["a", "b"]}},
              {"name": "echo", "inputSchema": {"type": "object"}}
            ], "nextCursor": null}""");

    @Test
    void theHashIgnoresKeyOrderItemOrderWhitespaceAndFieldsBesideTheItems() {
        JsonNode reordered = Json.parse("""
                { "_meta": {"x": 1}, "ttlMs": 5000,
                  "tools" : [ { "inputSchema": {"type":"object"}, "name":"echo" },
                              { "inputSchema": {"required":["a","b"], "type":"object"}, "description":"Adds", "name":"add" } ] }""");

        ListPayload first = ListPayload.of("math", ListMethod.TOOLS, V1);
        ListPayload second = ListPayload.of("math", ListMethod.TOOLS, reordered);

        assertThat(second.hash()).isEqualTo(first.hash());
        assertThat(first.hash()).as("SHA-256 of the canonical JSON of the stored payload")
                .isEqualTo(CanonicalJson.sha256(first.payload())).hasSize(64);
        assertThat(first.payload().fieldNames()).toIterable().containsExactly("tools");
        assertThat(first.itemCount()).isEqualTo(2);
        assertThat(ListPayload.of("math", ListMethod.TOOLS, V1.get("tools")).hash()).as("a bare items array")
                .isEqualTo(first.hash());
    }

    @Test
    void anItemArrayOrderInsideASchemaStillCounts() {
        JsonNode swapped = Json.parse(V1.toString().replace("[\"a\",\"b\"]", "[\"b\",\"a\"]"));

        assertThat(ListPayload.of("math", ListMethod.TOOLS, swapped).hash()).as("arrays inside items keep their order")
                .isNotEqualTo(ListPayload.of("math", ListMethod.TOOLS, V1).hash());
    }

    @Test
    void theFirstListIsVersionOneWithItsEventStoredBesideIt() {
        Recorded recorded = ledger.record("math", ListMethod.TOOLS, V1, "req-1");

        assertThat(recorded).isInstanceOfSatisfying(Recorded.Created.class, created -> {
            assertThat(created.version().number()).isEqualTo(1);
            assertThat(created.diff().added()).containsExactly("add", "echo");
            ToolSchemaVersionCreated event = created.event();
            assertThat(event.provider()).isEqualTo("math");
            assertThat(event.method()).isEqualTo("tools/list");
            assertThat(event.versionNumber()).isEqualTo(1);
            assertThat(event.hash()).isEqualTo(created.version().hash()).startsWith(event.versionId());
            assertThat(event.itemCount()).isEqualTo(2);
            assertThat(event.added()).containsExactly("add", "echo");
            assertThat(event.removed()).isEmpty();
            assertThat(event.changed()).isEmpty();
        });
        EventEnvelope stored = store.events().getFirst();
        assertThat(stored.streamId()).isEqualTo("schema#math#tools/list");
        assertThat(stored.streamVersion()).isZero();
        assertThat(stored.correlationId()).isEqualTo("req-1");
        assertThat(stored.occurredAt()).isEqualTo(CLOCK.instant());
        assertThat(PublishedEventSchemas.problems(stored)).as("the stored event against events-schema").isEmpty();
    }

    @Test
    void theSameContentAgainCreatesNoVersionAndNoEvent() {
        ledger.record("math", ListMethod.TOOLS, V1, null);

        Recorded again = ledger.record("math", ListMethod.TOOLS, Json.parse(V1.toString()), null);

        assertThat(again).isInstanceOf(Recorded.Unchanged.class);
        assertThat(again.version().number()).isEqualTo(1);
        assertThat(store.events()).hasSize(1);
    }

    @Test
    void newContentIsTheNextVersionWithAddedRemovedAndChangedNames() {
        ledger.record("math", ListMethod.TOOLS, V1, null);
        JsonNode v2 = Json.parse("""
                {"tools": [
                  {"name": "add", "description": "Adds two numbers", "inputSchema": {"type": "object", "required": ["a", "b"]}},
                  {"name": "mul", "inputSchema": {"type": "object"}}
                ]}""");

        Recorded.Created created = (Recorded.Created) ledger.record("math", ListMethod.TOOLS, v2, null);

        assertThat(created.version().number()).isEqualTo(2);
        assertThat(created.event().added()).containsExactly("mul");
        assertThat(created.event().removed()).containsExactly("echo");
        assertThat(created.event().changed()).containsExactly("add");
        assertThat(created.diff().changed()).containsExactly(new SchemaDiff.ChangedItem("add", List.of("description")));
        assertThat(store.events()).extracting(EventEnvelope::streamVersion).containsExactly(0L, 1L);
        assertThat(store.events()).allSatisfy(e -> assertThat(PublishedEventSchemas.problems(e)).isEmpty());
    }

    @Test
    void contentThatReturnsToAnEarlierStateIsANewVersion() {
        ledger.record("math", ListMethod.TOOLS, V1, null);
        ledger.record("math", ListMethod.TOOLS, tools("other"), null);

        Recorded back = ledger.record("math", ListMethod.TOOLS, V1, null);

        assertThat(back.version().number()).isEqualTo(3);
        assertThat(back.version().hash()).isEqualTo(ledger.version("math", ListMethod.TOOLS, 1).hash());
    }

    @Test
    void latestAndVersionNAnswerWhatAPinNeeds() {
        ledger.record("math", ListMethod.TOOLS, V1, null);
        ledger.record("math", ListMethod.TOOLS, tools("other"), null);

        assertThat(ledger.latest("math", ListMethod.TOOLS)).get().extracting(SchemaVersion::number).isEqualTo(2);
        assertThat(ledger.version("math", ListMethod.TOOLS, 1).payload())
                .isEqualTo(ListPayload.of("math", ListMethod.TOOLS, V1).payload());
        assertThat(ledger.versions("math", ListMethod.TOOLS)).extracting(SchemaVersion::number).containsExactly(1, 2);
        assertThat(ledger.latest("math", ListMethod.PROMPTS)).isEmpty();
        assertThatThrownBy(() -> ledger.version("math", ListMethod.TOOLS, 7))
                .isInstanceOf(UnknownSchemaVersionException.class)
                .hasMessage("provider 'math' has no tools/list schema version 7; versions are 1 to 2");
        assertThatThrownBy(() -> ledger.version("math", ListMethod.PROMPTS, 1))
                .hasMessage("provider 'math' has no prompts/list schema version 1; nothing was recorded yet");
    }

    @Test
    void theDiffBetweenTwoStoredVersionsNamesTheChangedFields() {
        ledger.record("math", ListMethod.TOOLS, V1, null);
        ledger.record("math", ListMethod.TOOLS, Json.parse("""
                {"tools": [
                  {"name": "add", "title": "Add", "inputSchema": {"type": "object"}},
                  {"name": "echo", "inputSchema": {"type": "object"}}
                ]}"""), null);

        SchemaDiff diff = ledger.diff("math", ListMethod.TOOLS, 1, 2);

        assertThat(diff.added()).isEmpty();
        assertThat(diff.removed()).isEmpty();
        assertThat(diff.changed()).containsExactly(
                new SchemaDiff.ChangedItem("add", List.of("description", "inputSchema", "title")));
        assertThat(ledger.diff("math", ListMethod.TOOLS, 2, 2).isEmpty()).isTrue();
    }

    @Test
    void resourcesAreVersionedByUri() {
        JsonNode resources = Json.parse("""
                {"resources": [{"uri": "demo://b", "name": "same"}, {"uri": "demo://a", "name": "same"}]}""");

        Recorded.Created created = (Recorded.Created) ledger.record("docs", ListMethod.RESOURCES, resources, null);

        assertThat(created.event().added()).containsExactly("demo://a", "demo://b");
        assertThat(created.version().payload().get("resources").get(0).get("uri").asText()).isEqualTo("demo://a");
        assertThat(PublishedEventSchemas.problems(store.events().getFirst())).isEmpty();
    }

    @Test
    void aResultWithoutItemsOrWithAnUnnamedItemIsRefusedNamingProviderAndMethod() {
        assertThatThrownBy(() -> ledger.record("math", ListMethod.TOOLS, Json.parse("{\"prompts\":[]}"), null))
                .isInstanceOf(MalformedListException.class)
                .hasMessage("provider 'math' returned a tools/list result the schema ledger cannot version: "
                        + "expected an array 'tools'");
        assertThatThrownBy(() -> ledger.record("math", ListMethod.TOOLS, Json.parse("{\"tools\":[{\"title\":\"x\"}]}"), null))
                .isInstanceOf(MalformedListException.class).hasMessageEndingWith("item 0 has no 'name'");
        assertThat(store.events()).isEmpty();
    }

    @Test
    void anEmptyListIsAVersionToo() {
        Recorded recorded = ledger.record("math", ListMethod.PROMPTS, Json.parse("{\"prompts\":[]}"), null);

        assertThat(recorded).isInstanceOf(Recorded.Created.class);
        assertThat(recorded.version().itemCount()).isZero();
    }

    @Test
    void anEventWrittenBeforeItemCountAndDiffFieldsReadsBack() {
        String hash = CanonicalJson.sha256(Json.parse("{\"tools\":[{\"name\":\"add\"}]}"));
        EventEnvelope old = new EventEnvelope(java.util.UUID.randomUUID(), "ToolSchemaVersionCreated", 1,
                "schema#math#tools/list", 0, CLOCK.instant(), null, (com.fasterxml.jackson.databind.node.ObjectNode)
                        Json.parse("{\"provider\":\"math\",\"method\":\"tools/list\",\"version_number\":1,\"version_id\":\""
                                + hash.substring(0, 16) + "\",\"hash\":\"" + hash
                                + "\",\"payload\":{\"tools\":[{\"name\":\"add\"}]}}"));

        SchemaVersion version = SchemaVersionEvents.version(old);

        assertThat(version.itemCount()).as("counted from the payload").isEqualTo(1);
        assertThat(version.number()).isEqualTo(1);
    }
}
