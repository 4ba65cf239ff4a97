package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.GatewaySettings;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.gateway.ListKind;
import dev.jetway.core.gateway.NameMapping;
import dev.jetway.core.security.AccessPolicy;
import dev.jetway.core.security.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which callers may hear a notification that reaches clients outside their own requests (a
 * session's GET stream), under the access policy:
 * <ul>
 *   <li>{@code notifications/resources/updated}: only a caller that may read the updated URI;</li>
 *   <li>anything else a provider sends (log messages, stray progress): only a caller that may use
 *       at least one tool, prompt, resource or template the provider lists (under its own name or
 *       that of a group it belongs to); a provider's log lines tell about its work, and a caller
 *       that may use nothing of it has no business hearing them;</li>
 *   <li>the gateway's own {@code list_changed} notifications: every caller; they carry no data, and
 *       the list the client fetches next shows only what the caller may see.</li>
 * </ul>
 * Callers with the management role hear everything (they can reach every provider through the
 * management tools). Without a policy, or for the gateway's own trusted requests, everything is heard.
 */
final class NotificationAudience {

    private final Gateway gateway;
    private final AccessPolicy policy;
    private final NameMapping names;

    NotificationAudience(Gateway gateway) {
        this.gateway = gateway;
        this.policy = gateway.config().security().policy();
        GatewaySettings settings = gateway.config().settings();
        // Exposing a name needs only the prefix rule, not the current set of providers.
        this.names = new NameMapping(settings.prefixNames(), settings.separator(), Set.of());
    }

    /**
     * @param provider the provider that sent the notification, or null for the gateway's own
     * @param caller who would receive it, or null for a request of the gateway's own trust
     */
    boolean hears(Caller caller, String provider, ObjectNode notification) {
        if (policy == null || caller == null || policy.permitsManagement(caller)) return true;
        if (provider == null) return true;
        if ("notifications/resources/updated".equals(notification.path("method").asText())) {
            JsonNode uri = notification.path("params").path("uri");
            return uri.isTextual() && policy.permits(caller, uri.asText());
        }
        return mayUseAnythingOf(caller, provider);
    }

    private boolean mayUseAnythingOf(Caller caller, String provider) {
        for (String owner : listOwners(provider)) {
            for (ListKind kind : ListKind.values()) {
                Optional<ArrayNode> items = gateway.knownList(owner, kind);
                if (items.isEmpty()) continue;
                for (JsonNode item : items.get()) {
                    String exposed = names.expose(owner, item.path(kind.itemKey()).asText(), kind.namesAreUris());
                    if (policy.permits(caller, exposed)) return true;
                }
            }
        }
        return false;
    }

    /** The provider itself and every group it is a member of: the names its items are listed under. */
    private List<String> listOwners(String provider) {
        List<String> owners = new ArrayList<>(List.of(provider));
        for (Map.Entry<String, ProviderSpec> entry : gateway.providers().entrySet()) {
            ProviderSpec spec = entry.getValue();
            if (spec.group() != null && spec.group().memberNames().contains(provider)) owners.add(entry.getKey());
        }
        return owners;
    }
}
