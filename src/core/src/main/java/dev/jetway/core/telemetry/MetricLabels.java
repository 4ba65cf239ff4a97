package dev.jetway.core.telemetry;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The label values metrics may carry, so that what a client sends cannot grow the number of series:
 * an MCP method the gateway knows, a provider of the registry, a tool the gateway knows (its own or
 * one in the last {@code tools/list} it has from a provider). Any other value becomes {@value #OTHER},
 * which no method, provider or tool name can be (parentheses are in none of their alphabets), so a
 * folded series is never mistaken for a real one. Absent values stay empty. Logs and events keep the
 * names as sent; only metrics fold them.
 */
public final class MetricLabels {

    /** The one value every unknown method, provider or tool is counted under. */
    public static final String OTHER = "(other)";

    /**
     * What clients send to the gateway in either protocol era, requests and notifications, and the
     * {@code batch} that request telemetry reports for a JSON-RPC batch.
     */
    static final Set<String> METHODS = Set.of(
            "initialize", "ping", "logging/setLevel", "completion/complete",
            "tools/list", "tools/call", "prompts/list", "prompts/get",
            "resources/list", "resources/templates/list", "resources/read", "resources/subscribe", "resources/unsubscribe",
            "server/discover", "subscriptions/listen",
            "tasks/get", "tasks/result", "tasks/list", "tasks/cancel",
            "notifications/initialized", "notifications/cancelled", "notifications/progress",
            "notifications/roots/list_changed", "notifications/tasks/status",
            "batch");

    private final Predicate<String> knownProvider;
    private final Predicate<String> knownTool;

    /**
     * @param knownProvider whether a provider (or group) of this name is registered now
     * @param knownTool whether the gateway knows a tool of this client-visible name
     */
    public MetricLabels(Predicate<String> knownProvider, Predicate<String> knownTool) {
        this.knownProvider = Objects.requireNonNull(knownProvider, "knownProvider");
        this.knownTool = Objects.requireNonNull(knownTool, "knownTool");
    }

    /** Labels for a fixed set of providers and tools (tests, and runtimes that know them up front). */
    public static MetricLabels knowing(Set<String> providers, Set<String> tools) {
        Set<String> p = Set.copyOf(providers);
        Set<String> t = Set.copyOf(tools);
        return new MetricLabels(p::contains, t::contains);
    }

    public String method(String method) {
        return method == null ? "" : METHODS.contains(method) ? method : OTHER;
    }

    public String provider(String provider) {
        return provider == null ? "" : knownProvider.test(provider) ? provider : OTHER;
    }

    public String tool(String tool) {
        return tool == null ? "" : knownTool.test(tool) ? tool : OTHER;
    }
}
