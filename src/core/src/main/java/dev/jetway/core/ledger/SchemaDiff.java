package dev.jetway.core.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.CanonicalJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What changed between two versions of one list, by item name (uri, uriTemplate for resources).
 * Items are compared by canonical JSON, so key order is not a change.
 *
 * @param added names in the newer version only, sorted
 * @param removed names in the older version only, sorted
 * @param changed items in both whose definitions differ, sorted by name
 */
public record SchemaDiff(List<String> added, List<String> removed, List<ChangedItem> changed) {

    public SchemaDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /**
     * One item present in both versions with a different definition.
     *
     * @param fields the item's top-level fields that were added, removed or changed (e.g.
     *     {@code description}, {@code inputSchema}), sorted
     */
    public record ChangedItem(String name, List<String> fields) {
        public ChangedItem {
            Objects.requireNonNull(name, "name");
            fields = List.copyOf(fields);
        }
    }

    /** The difference from nothing: every item is added. */
    public static SchemaDiff fromNothing(ListMethod method, JsonNode payload) {
        return between(method, null, payload);
    }

    /** The difference from {@code older} (null for none) to {@code newer}, two normalized payloads. */
    public static SchemaDiff between(ListMethod method, JsonNode older, JsonNode newer) {
        Map<String, JsonNode> before = byName(method, older);
        Map<String, JsonNode> after = byName(method, newer);
        List<String> added = new ArrayList<>();
        List<ChangedItem> changed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> item : after.entrySet()) {
            JsonNode previous = before.get(item.getKey());
            if (previous == null) {
                added.add(item.getKey());
            } else if (!CanonicalJson.of(previous).equals(CanonicalJson.of(item.getValue()))) {
                changed.add(new ChangedItem(item.getKey(), changedFields(previous, item.getValue())));
            }
        }
        List<String> removed = before.keySet().stream().filter(name -> !after.containsKey(name)).toList();
        return new SchemaDiff(added.stream().sorted().toList(), removed.stream().sorted().toList(),
                changed.stream().sorted(java.util.Comparator.comparing(ChangedItem::name)).toList());
    }

    /** The names of the changed items, for the event. */
    public List<String> changedNames() {
        return changed.stream().map(ChangedItem::name).toList();
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    private static Map<String, JsonNode> byName(ListMethod method, JsonNode payload) {
        Map<String, JsonNode> items = new LinkedHashMap<>();
        if (payload == null) return items;
        for (JsonNode item : payload.path(method.itemsField())) {
            items.put(item.path(method.itemKey()).asText(), item);
        }
        return items;
    }

    private static List<String> changedFields(JsonNode before, JsonNode after) {
        TreeSet<String> fields = new TreeSet<>();
        before.fieldNames().forEachRemaining(fields::add);
        after.fieldNames().forEachRemaining(fields::add);
        fields.removeIf(field -> before.has(field) && after.has(field)
                && CanonicalJson.of(before.get(field)).equals(CanonicalJson.of(after.get(field))));
        return List.copyOf(fields);
    }
}
