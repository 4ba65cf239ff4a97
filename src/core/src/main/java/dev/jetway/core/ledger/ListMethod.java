package dev.jetway.core.ledger;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The list methods whose results the ledger versions, with the result field and item key of each. */
public enum ListMethod {
    TOOLS("tools/list", "tools", "name"),
    RESOURCES("resources/list", "resources", "uri"),
    RESOURCE_TEMPLATES("resources/templates/list", "resourceTemplates", "uriTemplate"),
    PROMPTS("prompts/list", "prompts", "name");

    private final String wireName;
    private final String itemsField;
    private final String itemKey;

    ListMethod(String wireName, String itemsField, String itemKey) {
        this.wireName = wireName;
        this.itemsField = itemsField;
        this.itemKey = itemKey;
    }

    /** The JSON-RPC method, e.g. {@code tools/list}. */
    public String wireName() {
        return wireName;
    }

    /** The result field that holds the items, e.g. {@code tools}. */
    public String itemsField() {
        return itemsField;
    }

    /** The field that names an item: {@code name}, {@code uri} or {@code uriTemplate}. */
    public String itemKey() {
        return itemKey;
    }

    /** @throws IllegalArgumentException naming the methods the ledger versions */
    public static ListMethod fromWireName(String method) {
        for (ListMethod m : values()) {
            if (m.wireName.equals(method)) return m;
        }
        throw new IllegalArgumentException("the schema ledger does not version '" + method + "'; expected one of "
                + Arrays.stream(values()).map(ListMethod::wireName).collect(Collectors.joining(", ")));
    }
}
