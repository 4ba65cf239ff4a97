package dev.jetway.events.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/** Loads schemas and samples from the classpath and validates with format assertions on. */
final class Schemas {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // 2020-12 treats "format" as an annotation by default; uuid and date-time must be checked.
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private Schemas() {}

    static JsonNode read(String resource) {
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing on the classpath: " + resource);
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonSchema schema(String resource) {
        return FACTORY.getSchema(read(resource), CONFIG);
    }

    /** The validation errors as readable lines; empty when the document is valid. */
    static Set<String> errors(String schemaResource, JsonNode document) {
        Set<ValidationMessage> messages = schema(schemaResource).validate(document);
        return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }
}
