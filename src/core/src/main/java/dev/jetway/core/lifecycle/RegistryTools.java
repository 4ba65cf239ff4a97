package dev.jetway.core.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.domain.provider.Provider;
import dev.jetway.core.domain.provider.StopReason;
import dev.jetway.core.gateway.BuiltInTools;
import dev.jetway.core.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * MCP Hangar's management tools, served by the gateway itself: {@code registry_list},
 * {@code registry_status}, {@code registry_start}, {@code registry_stop}, {@code registry_health}
 * and {@code registry_warm}. States come from the event store, so they are true across instances.
 */
public final class RegistryTools implements BuiltInTools {

    static final Set<String> NAMES = Set.of("registry_list", "registry_status", "registry_start", "registry_stop",
            "registry_health", "registry_warm");

    private final EventSourcedLifecycle lifecycle;
    private final ProviderHealthMonitor health;
    private final Consumer<String> warm;
    private final Clock clock;

    /**
     * @param warm starts one provider and lets the gateway learn its lists (the gateway's own warm-up)
     */
    public RegistryTools(EventSourcedLifecycle lifecycle, ProviderHealthMonitor health, Consumer<String> warm,
                         Clock clock) {
        this.lifecycle = lifecycle;
        this.health = health;
        this.warm = warm;
        this.clock = clock;
    }

    @Override
    public ArrayNode definitions() {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        tools.add(tool("registry_list", "Lists every provider with its mode, lifecycle state, tool count and circuit.",
                null, false));
        tools.add(tool("registry_status", "A readable dashboard of every provider: state, tools, circuit, last use.",
                null, false));
        tools.add(tool("registry_start", "Starts a provider now (it otherwise starts on first use) and waits for it.",
                "provider", true));
        tools.add(tool("registry_stop", "Stops a running provider; it starts again on its next use.", "provider", true));
        tools.add(tool("registry_health", "Runs a health check (process alive, MCP ping) of one provider or of all.",
                "provider", false));
        ObjectNode warmTool = tool("registry_warm", "Starts several providers (all when none are named) in parallel.",
                null, false);
        ((ObjectNode) warmTool.get("inputSchema").get("properties")).putObject("providers").put("type", "array")
                .put("description", "provider names; all when absent").putObject("items").put("type", "string");
        tools.add(warmTool);
        return tools;
    }

    @Override
    public boolean offers(String toolName) {
        return NAMES.contains(toolName);
    }

    @Override
    public ObjectNode call(String toolName, ObjectNode arguments) {
        try {
            return switch (toolName) {
                case "registry_list" -> list();
                case "registry_status" -> text(dashboard(lifecycle.refreshAll()));
                case "registry_start" -> start(provider(arguments, true));
                case "registry_stop" -> stop(provider(arguments, true));
                case "registry_health" -> health(provider(arguments, false));
                case "registry_warm" -> warm(arguments);
                default -> error("unknown management tool '" + toolName + "'");
            };
        } catch (RuntimeException e) {
            return error(e.getMessage());
        }
    }

    private ObjectNode list() {
        ArrayNode providers = Json.MAPPER.createArrayNode();
        lifecycle.refreshAll().forEach((name, p) -> providers.add(describe(name, p)));
        ObjectNode result = text(Json.write(providers));
        result.putObject("structuredContent").set("providers", providers);
        return result;
    }

    private ObjectNode start(String provider) {
        warm.accept(provider);
        Provider p = lifecycle.refresh(provider);
        return text("provider '" + provider + "' is " + p.state() + " (" + p.toolsCount() + " tools)");
    }

    private ObjectNode stop(String provider) {
        boolean stopped = lifecycle.stop(provider, StopReason.MANUAL, "registry_stop");
        Provider p = lifecycle.cached(provider);
        return text(stopped ? "provider '" + provider + "' stopped; it is " + p.state() + " and starts again on its next use"
                : "provider '" + provider + "' was not running (" + p.state() + ")");
    }

    private ObjectNode health(String provider) {
        List<HealthCheckResult> results = provider == null ? health.checkAll() : List.of(health.check(provider));
        StringBuilder text = new StringBuilder();
        ArrayNode structured = Json.MAPPER.createArrayNode();
        for (HealthCheckResult r : results) {
            Provider p = lifecycle.cached(r.provider());
            text.append(r.provider()).append(": ").append(r.outcome()).append(", ").append(r.state());
            if (p.consecutiveHealthFailures() > 0) {
                text.append(", ").append(p.consecutiveHealthFailures()).append(" consecutive failed checks");
            }
            if (r.detail() != null) text.append(" (").append(r.detail()).append(')');
            text.append('\n');
            structured.addObject().put("provider", r.provider()).put("outcome", r.outcome().name())
                    .put("state", r.state().name()).put("consecutive_failures", p.consecutiveHealthFailures())
                    .put("detail", r.detail());
        }
        ObjectNode result = text(text.toString().stripTrailing());
        result.putObject("structuredContent").set("checks", structured);
        return result;
    }

    private ObjectNode warm(ObjectNode arguments) {
        List<String> names = new ArrayList<>();
        if (arguments.get("providers") instanceof ArrayNode requested) {
            for (JsonNode n : requested) names.add(checkedName(n.asText()));
        } else {
            names.addAll(lifecycle.names());
        }
        StringBuilder text = new StringBuilder();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<String>> outcomes = names.stream().map(name -> CompletableFuture.supplyAsync(() -> {
                try {
                    warm.accept(name);
                    return name + ": " + lifecycle.cached(name).state();
                } catch (RuntimeException e) {
                    return name + ": " + lifecycle.cached(name).state() + " (" + e.getMessage() + ")";
                }
            }, threads)).toList();
            outcomes.forEach(o -> text.append(o.join()).append('\n'));
        }
        return text(text.toString().stripTrailing());
    }

    /** The dashboard text of {@code registry_status}. */
    String dashboard(Map<String, Provider> providers) {
        Map<LifecycleState, Integer> counts = new EnumMap<>(LifecycleState.class);
        providers.values().forEach(p -> counts.merge(p.state(), 1, Integer::sum));
        StringBuilder out = new StringBuilder("Jetway providers: ").append(providers.size());
        if (!counts.isEmpty()) {
            out.append(" (");
            List<String> parts = new ArrayList<>();
            counts.forEach((state, n) -> parts.add(n + " " + state));
            out.append(String.join(", ", parts)).append(')');
        }
        out.append('\n').append(String.format("%-20s %-11s %-13s %5s  %-9s %-12s %s%n", "PROVIDER", "MODE", "STATE",
                "TOOLS", "CIRCUIT", "LAST USED", "NOTE"));
        Instant now = clock.instant();
        providers.forEach((name, p) -> out.append(String.format("%-20s %-11s %-13s %5d  %-9s %-12s %s%n", name,
                p.spec() == null ? "-" : p.spec().mode().wireName(), p.state(), p.toolsCount(), p.circuit(),
                p.lastUsedAt() == null ? "-" : ago(Duration.between(p.lastUsedAt(), now)), note(p))));
        return out.toString().stripTrailing();
    }

    private static String note(Provider p) {
        List<String> notes = new ArrayList<>();
        if (p.state() == LifecycleState.COLD && p.lastStopReason() != null) notes.add("stopped: " + p.lastStopReason().wireName());
        if (p.state() == LifecycleState.COLD && p.lastStopReason() == null) notes.add("starts on first use");
        if (p.startRetryAt() != null && p.state() == LifecycleState.DEAD) notes.add("next start after " + p.startRetryAt());
        if (p.circuitRetryAt() != null) notes.add("circuit retry at " + p.circuitRetryAt());
        if (p.lastError() != null && p.state() != LifecycleState.READY) notes.add("last error: " + p.lastError());
        return String.join("; ", notes);
    }

    private static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) return s + " s ago";
        if (s < 7200) return (s / 60) + " min ago";
        return (s / 3600) + " h ago";
    }

    private ObjectNode describe(String name, Provider p) {
        ObjectNode node = Json.object().put("name", name).put("state", p.state().name()).put("tools_count", p.toolsCount())
                .put("circuit", p.circuit().name());
        if (p.spec() != null) node.put("mode", p.spec().mode().wireName());
        if (p.lastUsedAt() != null) node.put("last_used_at", p.lastUsedAt().toString());
        if (p.lastError() != null) node.put("last_error", p.lastError());
        return node;
    }

    private String provider(ObjectNode arguments, boolean required) {
        JsonNode value = arguments.get("provider");
        if (value == null || value.isNull()) {
            if (required) throw new IllegalArgumentException("argument 'provider' is required; one of " + lifecycle.names());
            return null;
        }
        return checkedName(value.asText());
    }

    private String checkedName(String name) {
        if (!lifecycle.names().contains(name)) {
            throw new IllegalArgumentException("unknown provider '" + name + "'; configured: " + lifecycle.names());
        }
        return name;
    }

    private static ObjectNode tool(String name, String description, String providerArgument, boolean required) {
        ObjectNode tool = Json.object().put("name", name).put("description", description);
        ObjectNode schema = tool.putObject("inputSchema").put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        if (providerArgument != null) {
            properties.putObject(providerArgument).put("type", "string").put("description", "the provider's name");
            if (required) schema.putArray("required").add(providerArgument);
        }
        return tool;
    }

    private static ObjectNode text(String text) {
        ObjectNode result = Json.object();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return result;
    }

    private static ObjectNode error(String message) {
        ObjectNode result = text(message);
        result.put("isError", true);
        return result;
    }
}
