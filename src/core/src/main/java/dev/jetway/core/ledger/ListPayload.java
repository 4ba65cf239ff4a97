package dev.jetway.core.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.CanonicalJson;
import dev.jetway.core.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the ledger hashes and stores of one list result: only the items field ({@code tools},
 * {@code resources}, {@code resourceTemplates} or {@code prompts}), with the items sorted by their
 * name (uri, uriTemplate). Paging fields, {@code _meta}, {@code ttlMs} and the like are left out,
 * and neither key order nor item order makes a new version.
 *
 * @param payload {@code {"<itemsField>": [items sorted by name]}}
 * @param hash lower-case hex SHA-256 of the canonical JSON of {@code payload}
 */
public record ListPayload(ListMethod method, ObjectNode payload, int itemCount, String hash) {

    /**
     * Normalizes a list result (a whole result object, or a bare items array). A paginated list
     * must be passed whole: every page's items in one array.
     *
     * @throws MalformedListException when there is no items array or an item has no textual name
     */
    public static ListPayload of(String provider, ListMethod method, JsonNode result) {
        JsonNode items = result != null && result.isArray() ? result : result == null ? null : result.get(method.itemsField());
        if (items == null || !items.isArray()) {
            throw new MalformedListException(provider, method, "expected an array '" + method.itemsField() + "'");
        }
        List<JsonNode> sorted = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode key = items.get(i).get(method.itemKey());
            if (key == null || !key.isTextual()) {
                throw new MalformedListException(provider, method, "item " + i + " has no '" + method.itemKey() + "'");
            }
            sorted.add(items.get(i));
        }
        sorted.sort(Comparator.comparing(item -> item.get(method.itemKey()).asText()));
        ObjectNode payload = Json.object();
        ArrayNode array = payload.putArray(method.itemsField());
        sorted.forEach(item -> array.add(item.deepCopy()));
        return new ListPayload(method, payload, sorted.size(), CanonicalJson.sha256(payload));
    }
}
