package dev.jetway.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import dev.jetway.events.schema.EventSchemaResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schemas of {@code events-schema/} as EventBridge registry schemas. The registry takes
 * {@code OpenApi3} or {@code JSONSchemaDraft4} documents describing the whole EventBridge event,
 * while ours are draft 2020-12 schemas of the envelope and of each {@code data} version. So each
 * registered schema is a Draft 4 document of the event ({@code source}, {@code detail-type}, …)
 * whose {@code detail} is the envelope and whose {@code detail.data} is any of the type's versions.
 *
 * <p>The conversion is honest about the dialect: annotations Draft 4 lacks ({@code $id},
 * {@code $comment}, {@code examples}) are dropped, {@code const} becomes a one-value {@code enum},
 * {@code $defs} becomes {@code definitions}; any other keyword Draft 4 does not know is refused with
 * {@link IllegalStateException}, so a new schema feature cannot silently lose its meaning.
 */
public final class EventBridgeSchemas {

    public static final String TYPE = "JSONSchemaDraft4";
    public static final String DRAFT_4 = "http://json-schema.org/draft-04/schema#";
    /** The registry refuses larger contents. */
    public static final int MAX_CONTENT_CHARS = 100_000;

    /** Draft 4 validation and annotation keywords. */
    static final Set<String> DRAFT_4_KEYWORDS = Set.of("$ref", "$schema", "id", "title", "description", "default",
            "format", "type", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
            "maxLength", "minLength", "pattern", "items", "additionalItems", "maxItems", "minItems", "uniqueItems",
            "maxProperties", "minProperties", "required", "properties", "patternProperties", "additionalProperties",
            "dependencies", "allOf", "anyOf", "oneOf", "not", "definitions");
    private static final Set<String> DROPPED_ANNOTATIONS = Set.of("$id", "$comment", "examples");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "definitions");
    private static final Set<String> SCHEMA_ARRAYS = Set.of("allOf", "anyOf", "oneOf");
    private static final Set<String> SINGLE_SCHEMAS = Set.of("not", "additionalProperties", "additionalItems");

    /** One schema to register: {@code name} as EventBridge names discovered schemas, {@code source@detail-type}. */
    public record RegistrySchema(String name, String source, String detailType, String description, String content) {}

    private EventBridgeSchemas() {}

    /** Every domain event type (source {@code jetway}) and telemetry type (source {@code jetway.telemetry}). */
    public static List<RegistrySchema> all() {
        JsonNode catalog = load(EventSchemaResources.CATALOG);
        List<RegistrySchema> out = new ArrayList<>();
        JsonNode envelope = draft4(load(EventSchemaResources.envelopeSchema(latest(catalog.get("envelope")))),
                "envelope");
        for (Iterator<Map.Entry<String, JsonNode>> it = catalog.get("events").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> type = it.next();
            out.add(domainEvent(type.getKey(), type.getValue(), envelope));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = catalog.get("telemetry").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> type = it.next();
            out.add(telemetryEvent(type.getKey(), latest(type.getValue())));
        }
        return out;
    }

    private static RegistrySchema domainEvent(String type, JsonNode versions, JsonNode envelope) {
        ObjectNode definitions = JsonNodeFactory.instance.objectNode();
        ArrayNode anyVersion = JsonNodeFactory.instance.arrayNode();
        for (JsonNode version : versions) {
            String name = "Data_v" + version.asInt();
            String file = EventSchemaResources.eventSchema(type, version.asInt());
            hoist(draft4(load(file), file), name, definitions);
            anyVersion.addObject().put("$ref", "#/definitions/" + name);
        }
        ObjectNode detail = envelope.deepCopy();
        ((ObjectNode) detail.get("properties")).putObject("event_type").put("type", "string").putArray("enum").add(type);
        ObjectNode data = ((ObjectNode) detail.get("properties")).putObject("data");
        if (anyVersion.size() == 1) data.setAll((ObjectNode) anyVersion.get(0));
        else data.set("anyOf", anyVersion);
        definitions.set("Envelope", detail);
        String description = type + ": detail is the stored event's envelope; detail.data follows detail._version"
                + " (absent means 1; versions " + versions + ")";
        return registrySchema("jetway", type, description, definitions);
    }

    private static RegistrySchema telemetryEvent(String type, int version) {
        String file = EventSchemaResources.telemetrySchema(type, version);
        ObjectNode definitions = JsonNodeFactory.instance.objectNode();
        hoist(draft4(load(file), file), "Telemetry", definitions);
        ObjectNode detail = JsonNodeFactory.instance.objectNode().put("$ref", "#/definitions/Telemetry");
        definitions.set("Envelope", detail);
        return registrySchema("jetway.telemetry", type, type + " telemetry (v" + version + ") as the detail", definitions);
    }

    private static RegistrySchema registrySchema(String source, String detailType, String description,
                                                 ObjectNode definitions) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$schema", DRAFT_4).put("title", detailType).put("description", description).put("type", "object");
        root.putArray("required").add("detail-type").add("source").add("detail");
        ObjectNode p = root.putObject("properties");
        p.putObject("version").put("type", "string");
        p.putObject("id").put("type", "string");
        p.putObject("detail-type").put("type", "string").putArray("enum").add(detailType);
        p.putObject("source").put("type", "string").putArray("enum").add(source);
        p.putObject("account").put("type", "string");
        p.putObject("time").put("type", "string").put("format", "date-time");
        p.putObject("region").put("type", "string");
        p.putObject("resources").put("type", "array").putObject("items").put("type", "string");
        p.putObject("detail").put("$ref", "#/definitions/Envelope");
        root.set("definitions", definitions);
        String content = Json.write(root);
        if (content.length() > MAX_CONTENT_CHARS) {
            throw new IllegalStateException("the registry schema of " + source + "@" + detailType + " has "
                    + content.length() + " characters; EventBridge takes at most " + MAX_CONTENT_CHARS);
        }
        return new RegistrySchema(source + "@" + detailType, source, detailType, description, content);
    }

    /** Moves a schema and its own definitions under {@code definitions}, rewriting its local references. */
    private static void hoist(ObjectNode schema, String name, ObjectNode definitions) {
        JsonNode own = schema.remove("definitions");
        schema.remove("$schema");
        rewriteRefs(schema, name);
        definitions.set(name, schema);
        if (own != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = own.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> d = it.next();
                rewriteRefs(d.getValue(), name);
                definitions.set(name + "_" + d.getKey(), d.getValue());
            }
        }
    }

    private static void rewriteRefs(JsonNode node, String prefix) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                String text = ref.asText();
                if (text.startsWith("#/definitions/")) {
                    object.put("$ref", "#/definitions/" + prefix + "_" + text.substring("#/definitions/".length()));
                } else if (text.equals("#")) {
                    object.put("$ref", "#/definitions/" + prefix);
                } else {
                    throw new IllegalStateException("reference " + text + " cannot be moved into a registry schema");
                }
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, prefix));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> rewriteRefs(child, prefix));
        }
    }

    /** A Draft 4 copy of a 2020-12 schema, or an exception naming the file and the keyword that has no Draft 4 form. */
    static ObjectNode draft4(JsonNode schema, String file) {
        if (!(schema instanceof ObjectNode object)) throw new IllegalStateException(file + ": a schema must be an object");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (DROPPED_ANNOTATIONS.contains(key)) continue;
            if (key.equals("$schema")) {
                out.put("$schema", DRAFT_4);
            } else if (key.equals("const")) {
                out.putArray("enum").add(value);
            } else if (key.equals("$defs") || SCHEMA_MAPS.contains(key)) {
                ObjectNode map = out.putObject(key.equals("$defs") ? "definitions" : key);
                value.fields().forEachRemaining(p -> map.set(p.getKey(), draft4(p.getValue(), file)));
            } else if (SCHEMA_ARRAYS.contains(key)) {
                ArrayNode array = out.putArray(key);
                value.forEach(s -> array.add(draft4(s, file)));
            } else if (SINGLE_SCHEMAS.contains(key)) {
                out.set(key, value.isBoolean() ? value : draft4(value, file));
            } else if (key.equals("items")) {
                if (value.isArray()) {
                    ArrayNode array = out.putArray(key);
                    value.forEach(s -> array.add(draft4(s, file)));
                } else {
                    out.set(key, draft4(value, file));
                }
            } else if ((key.equals("exclusiveMinimum") || key.equals("exclusiveMaximum")) && value.isNumber()) {
                throw new IllegalStateException(file + ": numeric " + key + " has no exact Draft 4 form; "
                        + "use minimum/maximum or convert it here");
            } else if (DRAFT_4_KEYWORDS.contains(key)) {
                out.set(key, value.deepCopy());
            } else {
                throw new IllegalStateException(file + ": keyword '" + key + "' is not JSON Schema Draft 4, which the "
                        + "EventBridge schema registry takes; express it with Draft 4 keywords or teach "
                        + EventBridgeSchemas.class.getSimpleName() + " its conversion");
            }
        }
        return out;
    }

    private static int latest(JsonNode versions) {
        int latest = 0;
        for (JsonNode v : versions) latest = Math.max(latest, v.asInt());
        return latest;
    }

    static JsonNode load(String resource) {
        try (InputStream in = EventSchemaResources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is not on the classpath (jetway-events-schema)");
            return Json.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
