package dev.jetway.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.json.Json;
import dev.jetway.events.schema.EventSchemaResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an emitted envelope against the schemas published in jetway-events-schema. Stricter than
 * the schemas themselves: they let consumers ignore unknown fields, but a field the code writes
 * and the schema does not declare is drift between the two and is reported here.
 */
public final class PublishedEventSchemas {

    private static final SchemaRegistry FACTORY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private PublishedEventSchemas() {}

    /** Every problem with {@code envelope}; empty when it matches its published schemas exactly. */
    public static List<String> problems(EventEnvelope envelope) {
        String where = envelope.eventType() + " v" + envelope.schemaVersion();
        JsonNode dataSchema = load(EventSchemaResources.eventSchema(envelope.eventType(), envelope.schemaVersion()));
        if (dataSchema == null) {
            return List.of(where + ": no schema published in jetway-events-schema");
        }
        JsonNode wire = Json.toObject(envelope);
        List<String> problems = new ArrayList<>();
        for (Error m : FACTORY.getSchema(load(EventSchemaResources.envelopeSchema(1))).validate(wire)) {
            problems.add(where + " envelope: " + m.getMessage());
        }
        for (Error m : FACTORY.getSchema(dataSchema).validate(wire.get("data"))) {
            problems.add(where + " data: " + m.getMessage());
        }
        undeclared(dataSchema, dataSchema, wire.get("data"), "$", where, problems);
        return problems;
    }

    /** Every problem with one telemetry event's JSON (which has no envelope); empty when it matches. */
    public static List<String> telemetryProblems(JsonNode json) {
        String type = json.path("type").asText();
        JsonNode schema = type.matches("[A-Z][A-Za-z0-9]*")
                ? load(EventSchemaResources.telemetrySchema(type, 1)) : null;
        if (schema == null) return List.of("telemetry " + type + " v1: no schema published in jetway-events-schema");
        List<String> problems = new ArrayList<>();
        for (Error m : FACTORY.getSchema(schema).validate(json)) {
            problems.add("telemetry " + type + ": " + m.getMessage());
        }
        undeclared(schema, schema, json, "$", "telemetry " + type, problems);
        return problems;
    }

    private static void undeclared(JsonNode root, JsonNode schema, JsonNode value, String path, String where,
            List<String> problems) {
        JsonNode resolved = resolve(root, schema);
        if (value.isObject() && resolved.has("properties")) {
            value.fieldNames().forEachRemaining(name -> {
                JsonNode sub = resolved.get("properties").get(name);
                if (sub == null) problems.add(where + ": field " + path + "." + name + " is written but not in the schema");
                else undeclared(root, sub, value.get(name), path + "." + name, where, problems);
            });
        } else if (value.isArray() && resolved.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                undeclared(root, resolved.get("items"), value.get(i), path + "[" + i + "]", where, problems);
            }
        }
    }

    /** Follows a local {@code #/definitions/…} reference, the only kind the event schemas use. */
    private static JsonNode resolve(JsonNode root, JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        return ref == null ? schema : root.at(ref.asText().substring(1));
    }

    private static JsonNode load(String resource) {
        try (InputStream in = PublishedEventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
