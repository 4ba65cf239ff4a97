package dev.jetway.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.resource.SchemaLoader;
import dev.jetway.core.json.CanonicalJson;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks {@code tools/call} arguments against the tool's {@code inputSchema} (JSON Schema 2020-12
 * unless the schema names another draft) before any provider sees the call. Schemas never load
 * anything from the network: a {@code $ref} to a URL is an error in the schema, not a fetch.
 */
final class ArgumentValidator {

    /** Compiled schemas are kept by content; past this many, the cache starts over. */
    static final int MAX_CACHED = 1024;

    // The default loader reads bundled meta-schemas and the classpath only; it never fetches a URL.
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(SchemaLoader.getDefault()));
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    /**
     * The first violation, as "{@code at /json/pointer: message}" ({@code /} for the arguments object itself), or empty when the arguments conform or the
     * tool has no usable schema (a schema that cannot be compiled is the provider's to judge).
     */
    Optional<String> violation(JsonNode inputSchema, JsonNode arguments) {
        if (inputSchema == null || !inputSchema.isObject()) return Optional.empty();
        Schema schema;
        try {
            schema = schema(inputSchema);
        } catch (RuntimeException unusable) {
            return Optional.empty();
        }
        java.util.List<Error> messages;
        try {
            messages = schema.validate(arguments);
        } catch (RuntimeException unusable) {
            return Optional.empty();
        }
        return messages.stream()
                .min(Comparator.comparing((Error m) -> m.getInstanceLocation().toString())
                        .thenComparing(Error::getMessage))
                .map(m -> {
                    String location = m.getInstanceLocation().toString();
                    return "at " + (location.isEmpty() ? "/" : location) + ": " + m.getMessage();
                });
    }

    private Schema schema(JsonNode inputSchema) {
        String key = CanonicalJson.of(inputSchema);
        Schema known = compiled.get(key);
        if (known != null) return known;
        if (compiled.size() >= MAX_CACHED) compiled.clear();
        Schema schema = registry.getSchema(inputSchema);
        schema.initializeValidators();
        compiled.put(key, schema);
        return schema;
    }
}
