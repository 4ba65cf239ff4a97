package dev.jetway.core.lifecycle;

import dev.jetway.core.domain.provider.GroupSpec;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.gateway.Gateway;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Providers added, changed and removed while the gateway runs. Each is an event on the provider's
 * stream ({@code ProviderRegistered}, {@code ProviderConfigChanged}, {@code ProviderStopped} +
 * {@code ProviderRemoved}) through the lifecycle, and then served (or no longer) by the gateway.
 * A changed provider that runs is stopped and starts with its new spec on its next use.
 */
public final class HotLoad {

    private final EventSourcedLifecycle lifecycle;
    private final Gateway gateway;
    private final ProviderSources sources;
    private final Clock clock;

    /** What one reconciliation of a config file did, by provider name. */
    public record Reconciliation(List<String> added, List<String> changed, List<String> removed) {
        public Reconciliation {
            added = List.copyOf(added);
            changed = List.copyOf(changed);
            removed = List.copyOf(removed);
        }

        public boolean isEmpty() {
            return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
        }
    }

    public HotLoad(EventSourcedLifecycle lifecycle, Gateway gateway, ProviderSources sources, Clock clock) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws IllegalArgumentException when the name is taken or a group member is not a provider */
    public synchronized void add(String name, ProviderSpec spec, ProviderSources.Kind kind, String location) {
        if (gateway.providers().containsKey(name)) {
            throw new IllegalArgumentException("provider '" + name + "' already exists; change it with registry_update");
        }
        gateway.config().settings().requireUnambiguous(name);
        checkMembers(name, spec, gateway.providers());
        lifecycle.add(name, spec);
        gateway.putProvider(name, spec);
        sources.put(name, new ProviderSources.Source(kind, location, clock.instant()));
    }

    /** True when the spec differed. @throws IllegalArgumentException for an unknown provider or bad members */
    public synchronized boolean update(String name, ProviderSpec spec, ProviderSources.Kind kind, String location) {
        ProviderSpec current = requireKnown(name);
        checkMembers(name, spec, gateway.providers());
        if (spec.group() != null && current.group() == null && !groupsContaining(name).isEmpty()) {
            throw new IllegalArgumentException("provider '" + name + "' is a member of " + groupsContaining(name)
                    + " and cannot become a group; groups contain providers, not other groups");
        }
        boolean changed = lifecycle.change(name, spec);
        if (changed) gateway.putProvider(name, spec);
        sources.put(name, new ProviderSources.Source(kind, location, clock.instant()));
        return changed;
    }

    /** @throws IllegalArgumentException for an unknown provider or a member of a group */
    public synchronized void remove(String name) {
        requireKnown(name);
        List<String> groups = groupsContaining(name);
        if (!groups.isEmpty()) {
            throw new IllegalArgumentException("provider '" + name + "' is a member of group(s) " + groups
                    + "; remove it from them first");
        }
        gateway.removeProvider(name);
        lifecycle.remove(name);
        sources.remove(name);
    }

    /**
     * Makes the providers that came from a config file what the file says now: new names are added,
     * different specs changed, names no longer in the file removed. Providers registered at run time
     * are left alone unless the file names them (then the file's spec wins). Removals go first
     * (groups before their members), then additions and changes (members before their groups).
     */
    public synchronized Reconciliation reconcile(Map<String, ProviderSpec> file, String location) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Map<String, ProviderSources.Source> known = sources.all();
        List<String> leaving = new ArrayList<>();
        known.forEach((name, source) -> {
            if (source.kind() == ProviderSources.Kind.CONFIG && !file.containsKey(name)) leaving.add(name);
        });
        leaving.sort((a, b) -> Boolean.compare(gateway.providers().get(b).group() != null,
                gateway.providers().get(a).group() != null));
        for (String name : leaving) {
            gateway.removeProvider(name);
            lifecycle.remove(name);
            sources.remove(name);
            removed.add(name);
        }
        Map<String, ProviderSpec> ordered = new LinkedHashMap<>();
        file.forEach((name, spec) -> { if (spec.group() == null) ordered.put(name, spec); });
        file.forEach((name, spec) -> { if (spec.group() != null) ordered.put(name, spec); });
        ordered.forEach((name, spec) -> {
            if (!gateway.providers().containsKey(name)) {
                lifecycle.add(name, spec);
                gateway.putProvider(name, spec);
                added.add(name);
            } else if (lifecycle.change(name, spec)) {
                gateway.putProvider(name, spec);
                changed.add(name);
            }
            ProviderSources.Source before = known.get(name);
            sources.put(name, before != null && before.kind() == ProviderSources.Kind.CONFIG
                    && !added.contains(name) && !changed.contains(name)
                    ? new ProviderSources.Source(ProviderSources.Kind.CONFIG, location, before.since())
                    : new ProviderSources.Source(ProviderSources.Kind.CONFIG, location, clock.instant()));
        });
        return new Reconciliation(added, changed, removed);
    }

    private ProviderSpec requireKnown(String name) {
        ProviderSpec spec = gateway.providers().get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown provider '" + name + "'; registered: " + gateway.providers().keySet());
        }
        return spec;
    }

    private List<String> groupsContaining(String name) {
        List<String> groups = new ArrayList<>();
        gateway.providers().forEach((group, spec) -> {
            if (spec.group() != null && spec.group().memberNames().contains(name)) groups.add(group);
        });
        return groups;
    }

    private static void checkMembers(String name, ProviderSpec spec, Map<String, ProviderSpec> providers) {
        GroupSpec group = spec.group();
        if (group == null) return;
        for (String member : group.memberNames()) {
            ProviderSpec target = providers.get(member);
            if (member.equals(name)) throw new IllegalArgumentException("group '" + name + "' cannot contain itself");
            if (target == null) {
                throw new IllegalArgumentException("member '" + member + "' of group '" + name
                        + "' is not a provider; registered: " + providers.keySet());
            }
            if (target.group() != null) {
                throw new IllegalArgumentException("member '" + member + "' is itself a group; groups contain providers,"
                        + " not other groups");
            }
        }
    }
}
