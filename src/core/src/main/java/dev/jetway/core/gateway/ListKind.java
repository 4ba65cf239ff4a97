package dev.jetway.core.gateway;

/** The four aggregated lists, with the result field and item key each one uses. */
public enum ListKind {
    TOOLS("tools/list", "tools", "name", "tools", "notifications/tools/list_changed"),
    PROMPTS("prompts/list", "prompts", "name", "prompts", "notifications/prompts/list_changed"),
    RESOURCES("resources/list", "resources", "uri", "resources", "notifications/resources/list_changed"),
    RESOURCE_TEMPLATES("resources/templates/list", "resourceTemplates", "uriTemplate", "resources",
            "notifications/resources/list_changed");

    private final String method;
    private final String resultField;
    private final String itemKey;
    private final String capability;
    private final String listChangedNotification;

    ListKind(String method, String resultField, String itemKey, String capability, String listChangedNotification) {
        this.method = method;
        this.resultField = resultField;
        this.itemKey = itemKey;
        this.capability = capability;
        this.listChangedNotification = listChangedNotification;
    }

    public String method() {
        return method;
    }

    public String resultField() {
        return resultField;
    }

    /** The key that names an item: a tool's name, a resource's uri, a template's uriTemplate. */
    public String itemKey() {
        return itemKey;
    }

    /** The server capability that says a provider has this list. */
    public String capability() {
        return capability;
    }

    public String listChangedNotification() {
        return listChangedNotification;
    }

    /** True when items are URIs (namespaced as {@code provider+uri}) rather than names. */
    public boolean namesAreUris() {
        return this == RESOURCES || this == RESOURCE_TEMPLATES;
    }

    public static ListKind forMethod(String method) {
        for (ListKind kind : values()) {
            if (kind.method.equals(method)) return kind;
        }
        return null;
    }
}
