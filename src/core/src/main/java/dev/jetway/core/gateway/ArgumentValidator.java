package dev.jetway.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;
import dev.jetway.core.json.CanonicalJson;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks {@code tools/call} arguments against the tool's {@code inputSchema} (JSON Schema 2020-12
 * unless the schema names another draft) before any provider sees the call. Schemas never load
 * anything from the network: a {@code $ref} to a URL is an error in the schema, not a fetch.
 */
final class ArgumentValidator {

    /** Compiled schemas are kept by content; past this many, the cache starts over. */
    static final int MAX_CACHED = 1024;

    private final JsonSchemaFactory factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
            .schemaLoaders(loaders -> loaders.values(list -> list.add(0, DisallowSchemaLoader.getInstance())))
            .build();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    /**
     * The first violation, as "{@code $.path: message}", or empty when the arguments conform or the
     * tool has no usable schema (a schema that cannot be compiled is the provider's to judge).
     */
    Optional<String> violation(JsonNode inputSchema, JsonNode arguments) {
        if (inputSchema == null || !inputSchema.isObject()) return Optional.empty();
        JsonSchema schema;
        try {
            schema = schema(inputSchema);
        } catch (RuntimeException unusable) {
            return Optional.empty();
        }
        Set<ValidationMessage> messages;
        try {
            messages = schema.validate(arguments);
        } catch (RuntimeException unusable) {
            return Optional.empty();
        }
        return messages.stream()
                .min(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .map(m -> {
                    String message = m.getMessage();
                    String location = m.getInstanceLocation().toString();
                    return message.startsWith(location) ? message : location + ": " + message;
                });
    }

    private JsonSchema schema(JsonNode inputSchema) {
        String key = CanonicalJson.of(inputSchema);
        JsonSchema known = compiled.get(key);
        if (known != null) return known;
        if (compiled.size() >= MAX_CACHED) compiled.clear();
        JsonSchema schema = factory.getSchema(inputSchema);
        schema.initializeValidators();
        compiled.put(key, schema);
        return schema;
    }
}
