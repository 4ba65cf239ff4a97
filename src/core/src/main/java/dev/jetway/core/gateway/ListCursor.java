package dev.jetway.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Where the next page of an aggregated list starts: a provider and a position in that provider's
 * own list. On the wire it is opaque to clients: base64url of a small JSON object
 * ({@code {"v":1,"list":"tools","provider":"alpha","offset":40}}). Everything in it is checked on
 * the way back in (size, encoding, the exact set of fields, the list it belongs to, a configured
 * provider, a bounded offset), so a forged cursor can at most point at another page the client
 * could have asked for anyway; it never reaches a provider.
 */
record ListCursor(ListKind kind, String provider, int offset) {

    static final int MAX_ENCODED_LENGTH = 512;
    static final int MAX_OFFSET = 1_000_000;
    private static final int FORMAT = 1;
    private static final Set<String> FIELDS = Set.of("v", "list", "provider", "offset");

    ListCursor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(provider, "provider");
        if (offset < 0 || offset > MAX_OFFSET) throw new IllegalArgumentException("offset out of range: " + offset);
    }

    String encode() {
        ObjectNode json = Json.object().put("v", FORMAT).put("list", kind.method()).put("provider", provider)
                .put("offset", offset);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws InvalidParamsException when the text is not a cursor this gateway issued for this
     *     list and its providers
     */
    static ListCursor decode(String text, ListKind kind, Collection<String> providers) {
        if (text.length() > MAX_ENCODED_LENGTH) throw invalid("it is longer than any cursor the gateway issues");
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(text));
        } catch (Exception e) {
            throw invalid("it is not a cursor the gateway issued");
        }
        if (!(json instanceof ObjectNode object) || object.size() != FIELDS.size()
                || !FIELDS.stream().allMatch(object::has)) {
            throw invalid("it is not a cursor the gateway issued");
        }
        if (object.get("v").asInt(-1) != FORMAT || !object.get("v").isInt()) throw invalid("unknown cursor format");
        if (!kind.method().equals(object.get("list").asText())) {
            throw invalid("it belongs to " + object.get("list").asText() + ", not " + kind.method());
        }
        JsonNode provider = object.get("provider");
        if (!provider.isTextual() || !providers.contains(provider.asText())) {
            throw invalid("it names no configured provider");
        }
        JsonNode offset = object.get("offset");
        if (!offset.isInt() || offset.asInt() < 0 || offset.asInt() > MAX_OFFSET) throw invalid("its offset is out of range");
        return new ListCursor(kind, provider.asText(), offset.asInt());
    }

    private static InvalidParamsException invalid(String why) {
        return new InvalidParamsException("invalid params.cursor: " + why + "; omit the cursor to start from the first page");
    }
}
