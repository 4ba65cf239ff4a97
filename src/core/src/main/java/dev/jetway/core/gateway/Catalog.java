package dev.jetway.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last list of each kind that each provider returned (or that the config predefined), and the
 * client-visible view of them. A list that is not known yet is absent, not empty.
 */
final class Catalog {

    private volatile List<String> providerOrder;
    private final NameMapping names;
    private final Map<String, Map<ListKind, ArrayNode>> lists = new ConcurrentHashMap<>();

    Catalog(List<String> providerOrder, NameMapping names) {
        this.providerOrder = List.copyOf(providerOrder);
        this.names = names;
        for (String provider : providerOrder) lists.put(provider, java.util.Collections.synchronizedMap(new EnumMap<>(ListKind.class)));
    }

    boolean isKnown(String provider, ListKind kind) {
        Map<ListKind, ArrayNode> known = lists.get(provider);
        return known != null && known.containsKey(kind);
    }

    /** Adds a provider at the end, or forgets every list of one that is there (its spec changed). */
    synchronized void reset(String provider) {
        lists.put(provider, java.util.Collections.synchronizedMap(new EnumMap<>(ListKind.class)));
        if (!providerOrder.contains(provider)) {
            List<String> next = new ArrayList<>(providerOrder);
            next.add(provider);
            providerOrder = List.copyOf(next);
        }
    }

    synchronized void remove(String provider) {
        List<String> next = new ArrayList<>(providerOrder);
        next.remove(provider);
        providerOrder = List.copyOf(next);
        lists.remove(provider);
    }

    /** The provider's last known list of this kind, or null when it is not known. */
    ArrayNode get(String provider, ListKind kind) {
        Map<ListKind, ArrayNode> known = lists.get(provider);
        ArrayNode items = known == null ? null : known.get(kind);
        return items == null ? null : items.deepCopy();
    }

    void store(String provider, ListKind kind, ArrayNode items) {
        Map<ListKind, ArrayNode> known = lists.get(provider);
        if (known != null) known.put(kind, items.deepCopy());
    }

    /** The items of every provider with client-visible names; colliding names are left out. */
    ArrayNode aggregate(ListKind kind) {
        Map<String, List<String>> owners = owners(kind);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String provider : providerOrder) {
            ArrayNode items = listOf(provider, kind);
            if (items == null) continue;
            for (JsonNode item : items) {
                if (!(item instanceof ObjectNode object) || !object.path(kind.itemKey()).isTextual()) continue;
                String exposed = names.expose(provider, object.get(kind.itemKey()).asText(), kind.namesAreUris());
                if (owners.get(exposed).size() > 1) continue;
                ObjectNode copy = object.deepCopy();
                copy.put(kind.itemKey(), exposed);
                out.add(copy);
            }
        }
        return out;
    }

    /** One page of the aggregate: the items and where the next page starts (null after the last). */
    record Page(ArrayNode items, ListCursor next) {}

    /** Which items a page may show: decided per item while the page is built, before it is counted. */
    @FunctionalInterface
    interface Visibility {
        Visibility ALL = (provider, upstream, exposed) -> true;

        /**
         * @param upstream the provider's own name (or URI) for the item
         * @param exposed the client-visible name (or URI)
         */
        boolean shows(String provider, String upstream, String exposed);
    }

    /** As {@link #page(ListKind, ListCursor, int, Visibility)} with every item visible. */
    Page page(ListKind kind, ListCursor start, int size) {
        return page(kind, start, size, Visibility.ALL);
    }

    /**
     * Up to {@code size} visible items of the aggregate from {@code start} on (from the first provider
     * when null), in provider order, colliding names left out as in {@link #aggregate}. Items that are
     * not visible are skipped before they are counted, so every page but the last is full; the next
     * cursor points at the next visible item and is null when none follows, so a page never ends
     * with a cursor to nothing. A position past the end of a provider's list (the list shrank since
     * the cursor was issued) moves on to the next provider.
     */
    Page page(ListKind kind, ListCursor start, int size, Visibility visible) {
        Map<String, List<String>> owners = owners(kind);
        ArrayNode out = Json.MAPPER.createArrayNode();
        int first = start == null ? 0 : providerOrder.indexOf(start.provider());
        for (int p = Math.max(first, 0); p < providerOrder.size(); p++) {
            String provider = providerOrder.get(p);
            ArrayNode items = listOf(provider, kind);
            if (items == null) continue;
            for (int i = p == first && start != null ? start.offset() : 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof ObjectNode object) || !object.path(kind.itemKey()).isTextual()) continue;
                String upstream = object.get(kind.itemKey()).asText();
                String exposed = names.expose(provider, upstream, kind.namesAreUris());
                if (owners.get(exposed).size() > 1 || !visible.shows(provider, upstream, exposed)) continue;
                // A visible item beyond a full page: the next page starts here.
                if (out.size() == size) return new Page(out, new ListCursor(kind, provider, i));
                ObjectNode copy = object.deepCopy();
                copy.put(kind.itemKey(), exposed);
                out.add(copy);
            }
        }
        return new Page(out, null);
    }

    /** The provider's last known list of this kind without a copy, or null; callers must not change it. */
    ArrayNode view(String provider, ListKind kind) {
        return listOf(provider, kind);
    }

    List<String> providers() {
        return providerOrder;
    }

    /** Client-visible names offered by more than one provider, with their providers. */
    Map<String, List<String>> collisions(ListKind kind) {
        Map<String, List<String>> collisions = new LinkedHashMap<>();
        owners(kind).forEach((name, providers) -> {
            if (providers.size() > 1) collisions.put(name, providers);
        });
        return collisions;
    }

    /** The provider that lists this client-visible name, if exactly one does. */
    Optional<Route> find(ListKind kind, String exposed, String what) {
        List<Route> routes = new ArrayList<>();
        for (String provider : providerOrder) {
            ArrayNode items = listOf(provider, kind);
            if (items == null) continue;
            for (JsonNode item : items) {
                String upstream = item.path(kind.itemKey()).asText(null);
                if (upstream != null && names.expose(provider, upstream, kind.namesAreUris()).equals(exposed)) {
                    routes.add(new Route(provider, upstream));
                }
            }
        }
        if (routes.size() > 1) {
            throw new NameCollisionException(what, exposed, routes.stream().map(Route::provider).toList());
        }
        return routes.stream().findFirst();
    }

    /** Providers whose known resource templates could produce this URI (literal prefix match). */
    List<String> templateOwners(String uri) {
        List<String> matches = new ArrayList<>();
        for (String provider : providerOrder) {
            ArrayNode templates = listOf(provider, ListKind.RESOURCE_TEMPLATES);
            if (templates == null) continue;
            for (JsonNode template : templates) {
                String text = template.path("uriTemplate").asText("");
                int brace = text.indexOf('{');
                String literal = brace < 0 ? text : text.substring(0, brace);
                if (!literal.isEmpty() && uri.startsWith(literal)) {
                    matches.add(provider);
                    break;
                }
            }
        }
        return matches;
    }

    private ArrayNode listOf(String provider, ListKind kind) {
        Map<ListKind, ArrayNode> known = lists.get(provider);
        return known == null ? null : known.get(kind);
    }

    private Map<String, List<String>> owners(ListKind kind) {
        Map<String, List<String>> owners = new LinkedHashMap<>();
        for (String provider : providerOrder) {
            ArrayNode items = listOf(provider, kind);
            if (items == null) continue;
            for (JsonNode item : items) {
                String upstream = item.path(kind.itemKey()).asText(null);
                if (upstream == null) continue;
                List<String> list = owners.computeIfAbsent(names.expose(provider, upstream, kind.namesAreUris()),
                        k -> new ArrayList<>());
                if (!list.contains(provider)) list.add(provider);
            }
        }
        return owners;
    }
}
