package dev.jetway.core.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Optional;

/**
 * Checks nesting depth and batch size with a streaming parser, before any tree is built: a
 * deeply nested body costs a few bytes to send and a lot of stack and memory to materialise.
 * Syntax errors are not this class's business: the front door answers them as parse errors.
 */
public final class JsonShape {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build()).build();

    private JsonShape() {}

    /** Why the body is refused, or empty when its shape is within the limits (or it is not JSON at all). */
    public static Optional<String> violation(byte[] body, JsonLimits limits) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            int depth = 0;
            int batchSize = 0;
            boolean batch = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                    if (depth == 1 && token == JsonToken.START_ARRAY) batch = true;
                    if (depth == 2 && batch && ++batchSize > limits.maxBatch()) {
                        return Optional.of("the batch has more than " + limits.maxBatch() + " messages");
                    }
                    if (depth > limits.maxDepth()) {
                        return Optional.of("the JSON nests deeper than " + limits.maxDepth() + " levels");
                    }
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (depth == 1 && batch && ++batchSize > limits.maxBatch()) {
                    return Optional.of("the batch has more than " + limits.maxBatch() + " messages");
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
