package dev.jetway.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.jetway.core.json.Json;
import dev.jetway.events.schema.EventSchemaResources;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBridgeSchemasTest {

    final List<EventBridgeSchemas.RegistrySchema> schemas = EventBridgeSchemas.all();

    @Test
    void everyDomainAndTelemetryTypeOfTheCatalogHasARegistrySchemaNamedSourceAtDetailType() {
        JsonNode catalog = EventBridgeSchemas.load(EventSchemaResources.CATALOG);
        assertThat(schemas).hasSize(catalog.get("events").size() + catalog.get("telemetry").size());
        catalog.get("events").fieldNames().forEachRemaining(type ->
                assertThat(schemas).anyMatch(s -> s.name().equals("jetway@" + type)));
        catalog.get("telemetry").fieldNames().forEachRemaining(type ->
                assertThat(schemas).anyMatch(s -> s.name().equals("jetway.telemetry@" + type)));
    }

    @Test
    void everySampleAsAnEventBridgeEventIsValidAgainstItsDraft4RegistrySchema() {
        JsonSchemaFactory draft4 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        JsonNode catalog = EventBridgeSchemas.load(EventSchemaResources.CATALOG);
        for (EventBridgeSchemas.RegistrySchema schema : schemas) {
            JsonSchema validator = draft4.getSchema(Json.parse(schema.content()));
            boolean telemetry = schema.source().equals("jetway.telemetry");
            JsonNode versions = catalog.get(telemetry ? "telemetry" : "events").get(schema.detailType());
            for (JsonNode version : versions) {
                JsonNode sample = EventBridgeSchemas.load(telemetry
                        ? EventSchemaResources.telemetrySample(schema.detailType(), version.asInt())
                        : EventSchemaResources.eventSample(schema.detailType(), version.asInt()));
                ObjectNode event = Json.object().put("version", "0").put("id", "5f0c1b3e-0000-4000-8000-000000000001")
                        .put("detail-type", schema.detailType()).put("source", schema.source())
                        .put("account", "123456789012").put("time", "2026-03-02T08:00:00Z").put("region", "eu-west-1");
                event.putArray("resources");
                event.set("detail", sample);
                assertThat(validator.validate(event)).as("%s v%s sample", schema.name(), version).isEmpty();
            }
        }
    }

    @Test
    void theRegistrySchemaRefusesAnEventOfAnotherTypeOrWithBadData() {
        EventBridgeSchemas.RegistrySchema stopped = schemas.stream().filter(s -> s.name().equals("jetway@ProviderStopped"))
                .findFirst().orElseThrow();
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(Json.parse(stopped.content()));
        ObjectNode detail = (ObjectNode) EventBridgeSchemas.load(EventSchemaResources.eventSample("ProviderStopped", 2));
        ((ObjectNode) detail.get("data")).remove("provider");
        ObjectNode event = Json.object().put("detail-type", "ProviderStopped").put("source", "jetway");
        event.set("detail", detail);

        assertThat(validator.validate(event)).as("data without its required provider").isNotEmpty();
        event.put("detail-type", "ProviderStarted");
        assertThat(validator.validate(event)).as("another detail-type").isNotEmpty();
    }

    @Test
    void everyContentIsDraft4OnlyAndFitsTheRegistry() {
        for (EventBridgeSchemas.RegistrySchema schema : schemas) {
            assertThat(schema.content()).as(schema.name())
                    .contains("\"$schema\":\"http://json-schema.org/draft-04/schema#\"")
                    .doesNotContain("draft/2020-12", "\"$id\"", "\"$defs\"", "\"const\"");
            assertThat(schema.content().length()).isLessThanOrEqualTo(EventBridgeSchemas.MAX_CONTENT_CHARS);
        }
    }

    @Test
    void constBecomesAOneValueEnumAndDefsBecomeDefinitions() {
        ObjectNode converted = EventBridgeSchemas.draft4(Json.parse("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"x","type":"object",
                 "properties":{"kind":{"const":"a"}},"$defs":{"D":{"type":"string","examples":["e"]}}}
                """), "test.json");

        assertThat(converted).isEqualTo(Json.parse("""
                {"$schema":"http://json-schema.org/draft-04/schema#","type":"object",
                 "properties":{"kind":{"enum":["a"]}},"definitions":{"D":{"type":"string"}}}
                """));
    }

    @Test
    void aKeywordDraft4LacksIsRefusedNamingTheFileAndTheKeyword() {
        assertThatThrownBy(() -> EventBridgeSchemas.draft4(Json.parse("""
                {"type":"object","properties":{"p":{"type":"array","contains":{"type":"string"}}}}
                """), "jetway/events/X/v1.schema.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jetway/events/X/v1.schema.json: keyword 'contains' is not JSON Schema Draft 4");
        assertThatThrownBy(() -> EventBridgeSchemas.draft4(Json.parse("{\"type\":\"integer\",\"exclusiveMinimum\":0}"), "f"))
                .hasMessageContaining("numeric exclusiveMinimum has no exact Draft 4 form");
    }
}
