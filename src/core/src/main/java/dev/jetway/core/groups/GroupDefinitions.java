package dev.jetway.core.groups;

import dev.jetway.core.domain.provider.GroupSpec;
import dev.jetway.core.domain.provider.ProviderSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the router finds a group's members and strategy. Asked on every call, so that a group
 * changed at run time (hot load) is routed by its new definition on the next call.
 */
@FunctionalInterface
public interface GroupDefinitions {

    /** The group's definition, or empty when no provider of that name is a group. */
    Optional<GroupSpec> group(String name);

    /** The groups among a fixed set of providers, such as a loaded config file. */
    static GroupDefinitions of(Map<String, ProviderSpec> providers) {
        Map<String, GroupSpec> groups = new LinkedHashMap<>();
        providers.forEach((name, spec) -> {
            if (spec.group() != null) groups.put(name, spec.group());
        });
        Map<String, GroupSpec> frozen = Map.copyOf(groups);
        return name -> Optional.ofNullable(frozen.get(name));
    }
}
