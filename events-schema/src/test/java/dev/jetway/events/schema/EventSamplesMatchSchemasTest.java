package dev.jetway.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every schema in the catalog has a sample that passes it, the catalog and the files agree, and the
 * schemas stay within what the EventBridge schema registry (JSONSchemaDraft4) can take.
 */
class EventSamplesMatchSchemasTest {

    record TypeVersion(String type, int version) {}

    static List<TypeVersion> catalogEvents() {
        return catalog("events");
    }

    static List<TypeVersion> catalogTelemetry() {
        return catalog("telemetry");
    }

    private static List<TypeVersion> catalog(String section) {
        List<TypeVersion> all = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = Schemas.read(EventSchemaResources.CATALOG).get(section).fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            entry.getValue().forEach(v -> all.add(new TypeVersion(entry.getKey(), v.asInt())));
        }
        return all;
    }

    @Test
    void everySampleIsAValidEnvelopeAndItsDataMatchesTheTypeSchema() {
        List<TypeVersion> events = catalogEvents();
        assertThat(events).as("17 provider event types, ProviderStopped twice").hasSize(18);
        for (TypeVersion tv : events) {
            JsonNode sample = Schemas.read(EventSchemaResources.eventSample(tv.type(), tv.version()));

            assertThat(Schemas.errors(EventSchemaResources.envelopeSchema(1), sample))
                    .as("%s v%d sample against the envelope", tv.type(), tv.version()).isEmpty();
            assertThat(Schemas.errors(EventSchemaResources.eventSchema(tv.type(), tv.version()), sample.get("data")))
                    .as("%s v%d sample data against its schema", tv.type(), tv.version()).isEmpty();
            assertThat(sample.get("event_type").asText()).as("sample sits under its own type").isEqualTo(tv.type());
            assertThat(sample.path("_version").asInt(1)).as("%s sample's _version (absent means 1)", tv.type())
                    .isEqualTo(tv.version());
        }
    }

    @Test
    void everyTelemetrySampleMatchesItsSchema() {
        List<TypeVersion> telemetry = catalogTelemetry();
        assertThat(telemetry).extracting(TypeVersion::type)
                .containsExactlyInAnyOrder("Request", "SessionStart", "SessionEnd", "Heartbeat");
        for (TypeVersion tv : telemetry) {
            JsonNode sample = Schemas.read(EventSchemaResources.telemetrySample(tv.type(), tv.version()));
            assertThat(Schemas.errors(EventSchemaResources.telemetrySchema(tv.type(), tv.version()), sample))
                    .as("%s v%d telemetry sample", tv.type(), tv.version()).isEmpty();
            assertThat(sample.get("type").asText()).isEqualTo(tv.type());
        }
    }

    @Test
    void aSampleMissingARequiredFieldIsRejected() {
        ObjectNode sample = (ObjectNode) Schemas.read(EventSchemaResources.eventSample("ProviderStopped", 2));
        ((ObjectNode) sample.get("data")).remove("reason");
        sample.put("event_id", "not-a-uuid");

        assertThat(Schemas.errors(EventSchemaResources.eventSchema("ProviderStopped", 2), sample.get("data")))
                .as("v2 requires the reason enum").anyMatch(m -> m.contains("reason"));
        assertThat(Schemas.errors(EventSchemaResources.envelopeSchema(1), sample))
                .as("format assertions are on: event_id must be a UUID").anyMatch(m -> m.contains("event_id"));
    }

    @Test
    void theSpecDefinitionIsEnforcedThroughItsRef() {
        JsonNode sample = Schemas.read(EventSchemaResources.eventSample("ProviderRegistered", 1));
        ((ObjectNode) sample.get("data").get("spec")).put("mode", "teleport");

        assertThat(Schemas.errors(EventSchemaResources.eventSchema("ProviderRegistered", 1), sample.get("data")))
                .as("$ref to #/definitions/ProviderSpec resolves and checks the mode enum")
                .anyMatch(m -> m.contains("mode"));
    }

    @Test
    void aV1ReasonIsNotAValidV2Reason() {
        JsonNode v1 = Schemas.read(EventSchemaResources.eventSample("ProviderStopped", 1));
        assertThat(Schemas.errors(EventSchemaResources.eventSchema("ProviderStopped", 2), v1.get("data")))
                .as("the free-text reason of v1 is why v2 exists").isNotEmpty();
    }

    @Test
    void theCatalogListsExactlyTheSchemaFilesThatExist() throws IOException, URISyntaxException {
        Set<String> fromCatalog = new TreeSet<>();
        catalogEvents().forEach(tv -> fromCatalog.add(EventSchemaResources.eventSchema(tv.type(), tv.version())));
        catalogTelemetry().forEach(tv -> fromCatalog.add(EventSchemaResources.telemetrySchema(tv.type(), tv.version())));
        Path root = resourceRoot();

        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve("jetway/events")),
                Files.walk(root.resolve("jetway/telemetry")))) {
            files.filter(p -> p.toString().endsWith(".schema.json"))
                    .forEach(p -> onDisk.add(root.relativize(p).toString().replace('\\', '/')));
        }
        assertThat(onDisk).as("a schema file not in the catalog is invisible to consumers").isEqualTo(fromCatalog);
    }

    @Test
    void everySchemaDeclaresDraft2020AndAnIdThatMatchesItsPath() {
        for (TypeVersion tv : catalogEvents()) {
            JsonNode schema = Schemas.read(EventSchemaResources.eventSchema(tv.type(), tv.version()));
            assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.get("$id").asText()).as("$id of %s v%d", tv.type(), tv.version())
                    .endsWith("/events/" + tv.type() + "/v" + tv.version() + ".schema.json");
        }
    }

    /**
     * The registry accepts OpenApi3 and JSONSchemaDraft4 documents. Keywords outside this list
     * ($defs, const, prefixItems, numeric exclusiveMinimum…) change meaning or vanish in draft 4.
     */
    static final Set<String> DRAFT4_COMPATIBLE = Set.of("$schema", "$id", "$ref", "title", "description", "type",
            "required", "properties", "additionalProperties", "items", "enum", "minimum", "maximum", "minLength",
            "maxLength", "pattern", "format", "minItems", "maxItems", "definitions");

    @Test
    void schemasUseOnlyKeywordsThatMeanTheSameInDraft4() {
        List<String> schemas = new ArrayList<>(catalogEvents().stream()
                .map(tv -> EventSchemaResources.eventSchema(tv.type(), tv.version())).toList());
        schemas.add(EventSchemaResources.envelopeSchema(1));
        catalogTelemetry().forEach(tv -> schemas.add(EventSchemaResources.telemetrySchema(tv.type(), tv.version())));
        for (String resource : schemas) {
            Set<String> outside = new TreeSet<>();
            collectKeywords(Schemas.read(resource), outside);
            outside.removeAll(DRAFT4_COMPATIBLE);
            assertThat(outside).as("keywords of %s outside the draft-4 subset", resource).isEmpty();
        }
    }

    private static void collectKeywords(JsonNode schema, Set<String> keywords) {
        schema.fields().forEachRemaining(field -> {
            keywords.add(field.getKey());
            switch (field.getKey()) {
                case "properties", "definitions" -> field.getValue().forEach(sub -> collectKeywords(sub, keywords));
                case "items", "additionalProperties" -> {
                    if (field.getValue().isObject()) collectKeywords(field.getValue(), keywords);
                }
                default -> { }
            }
        });
    }

    static Path resourceRoot() throws URISyntaxException {
        return Path.of(EventSamplesMatchSchemasTest.class.getClassLoader().getResource(EventSchemaResources.CATALOG).toURI())
                .getParent().getParent().getParent();
    }
}
