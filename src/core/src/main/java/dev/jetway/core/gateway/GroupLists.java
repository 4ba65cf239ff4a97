package dev.jetway.core.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.json.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * What a {@code mode: group} provider lists: the list of its first member (in configured order)
 * whose list of that kind is known, under the group's own prefix. Members of one group are meant
 * to be interchangeable; when the known lists of two members differ, a warning names them (once
 * per difference), and the group keeps serving the first member's list.
 */
final class GroupLists {

    private static final Logger LOG = Logger.getLogger(GroupLists.class.getName());

    private final Catalog catalog;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    GroupLists(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Recomputes the {@code kind} list of every group among {@code providers}. */
    void refresh(Map<String, ProviderSpec> providers, ListKind kind) {
        providers.forEach((name, spec) -> {
            if (spec.group() != null) refreshGroup(name, spec.group().memberNames(), kind);
        });
    }

    private void refreshGroup(String group, List<String> members, ListKind kind) {
        String first = null;
        ArrayNode chosen = null;
        List<String> disagreeing = new ArrayList<>();
        for (String member : members) {
            ArrayNode items = catalog.get(member, kind);
            if (items == null) continue;
            if (chosen == null) {
                first = member;
                chosen = items;
            } else if (!sameItems(chosen, items)) {
                disagreeing.add(member);
            }
        }
        if (chosen == null) return;
        catalog.store(group, kind, chosen);
        if (!disagreeing.isEmpty() && warned.add(group + "|" + kind + "|" + first + "|" + disagreeing)) {
            String leader = first;
            LOG.warning(() -> "group '" + group + "': the " + kind.method() + " of member(s) " + disagreeing
                    + " differs from that of '" + leader + "', whose list the group serves; members of a group should"
                    + " offer the same " + kind.resultField());
        }
    }

    /** Equal as sets of items: order and key order do not matter. */
    private static boolean sameItems(ArrayNode a, ArrayNode b) {
        return canonicalSet(a).equals(canonicalSet(b));
    }

    private static Set<String> canonicalSet(ArrayNode items) {
        Set<String> set = new java.util.TreeSet<>();
        items.forEach(item -> set.add(CanonicalJson.of(item)));
        return set;
    }
}
