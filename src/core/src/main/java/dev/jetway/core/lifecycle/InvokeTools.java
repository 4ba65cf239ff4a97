package dev.jetway.core.lifecycle;

import static dev.jetway.core.lifecycle.ToolResults.definition;
import static dev.jetway.core.lifecycle.ToolResults.error;
import static dev.jetway.core.lifecycle.ToolResults.property;
import static dev.jetway.core.lifecycle.ToolResults.require;
import static dev.jetway.core.lifecycle.ToolResults.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.gateway.BuiltInTools;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.groups.GroupUnavailableException;
import dev.jetway.core.json.Json;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamErrorException;
import dev.jetway.core.upstream.UpstreamListener;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * MCP Hangar's invoke tools: {@code registry_invoke {provider, tool, arguments?, timeout?}} calls a
 * tool by provider and tool name; {@code registry_invoke_ex} adds retries with exponential backoff
 * ({@code max_retries} attempts in all, {@code retry_on_error}) and a {@code correlation_id};
 * {@code registry_invoke_stream} also sends the client progress notifications (the gateway's stages
 * and the provider's own progress, relayed). {@code provider} may be a group.
 */
public final class InvokeTools implements BuiltInTools {

    static final Set<String> NAMES = Set.of("registry_invoke", "registry_invoke_ex", "registry_invoke_stream");
    /** The {@code _meta} key under which the ex and stream tools report attempts and the correlation id. */
    public static final String META_KEY = "jetway.dev/invoke";
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final int DEFAULT_ATTEMPTS = 3;

    private static final Logger LOG = Logger.getLogger(InvokeTools.class.getName());

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Gateway gateway;
    private final Duration defaultTimeout;
    private final Sleeper sleeper;

    public InvokeTools(Gateway gateway, Duration defaultTimeout, Sleeper sleeper) {
        this.gateway = gateway;
        this.defaultTimeout = defaultTimeout;
        this.sleeper = sleeper;
    }

    @Override
    public ArrayNode definitions() {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        tools.add(common(definition("registry_invoke", "Calls a tool of a provider (or provider group) by its names.")));
        ObjectNode ex = common(definition("registry_invoke_ex", "Calls a tool with retries on transient failures"
                + " (exponential backoff) and a correlation id; attempts are reported in _meta."));
        retries(ex);
        tools.add(ex);
        ObjectNode stream = common(definition("registry_invoke_stream", "Calls a tool with retries and sends progress"
                + " notifications (starting, executing, retrying, the provider's own progress) to a client that asked"
                + " for them with a progressToken."));
        retries(stream);
        tools.add(stream);
        return tools;
    }

    private static ObjectNode common(ObjectNode tool) {
        property(tool, "provider", "string", "the provider's or group's name");
        property(tool, "tool", "string", "the tool's name at the provider (without the provider prefix)");
        property(tool, "arguments", "object", "the tool's arguments");
        property(tool, "timeout", "number", "seconds to wait for the answer");
        require(tool, "provider", "tool");
        return tool;
    }

    private static void retries(ObjectNode tool) {
        property(tool, "max_retries", "integer", "attempts in all (default 3)");
        property(tool, "retry_on_error", "boolean", "retry transient failures (default true)");
        property(tool, "correlation_id", "string", "traces the call in logs and results; generated when absent");
    }

    @Override
    public boolean offers(String toolName) {
        return NAMES.contains(toolName);
    }

    @Override
    public ObjectNode call(String toolName, ObjectNode arguments) {
        return call(toolName, arguments, Json.object(), UpstreamListener.NONE);
    }

    @Override
    public ObjectNode call(String toolName, ObjectNode arguments, ObjectNode params, UpstreamListener listener) {
        try {
            Invocation invocation = Invocation.of(toolName, arguments, defaultTimeout);
            JsonNode token = params.at("/_meta/progressToken");
            Progress progress = toolName.equals("registry_invoke_stream") && !token.isMissingNode()
                    ? new Progress(token, listener) : Progress.NONE;
            return invoke(invocation, progress, progress == Progress.NONE ? listener : progress.relay(listener));
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
    }

    private ObjectNode invoke(Invocation call, Progress progress, UpstreamListener listener) {
        long began = System.nanoTime();
        ArrayNode failures = Json.MAPPER.createArrayNode();
        RuntimeException last = null;
        gateway.status(call.provider()).filter(s -> s.state() == LifecycleState.COLD && !gateway.groups().isGroup(call.provider()))
                .ifPresentOrElse(s -> progress.stage("cold_start", "provider '" + call.provider() + "' is COLD; starting it"),
                        () -> progress.stage("ready", "calling " + call.tool() + " on " + call.provider()));
        for (int attempt = 1; attempt <= call.attempts(); attempt++) {
            try {
                progress.stage("executing", "attempt " + attempt + " of " + call.attempts() + ": " + call.tool());
                progress.beginRelay();
                ObjectNode result = withTimeout(call, listener);
                progress.stage("complete", "done after " + attempt + " attempt(s)");
                return call.reportsAttempts() ? withMeta(result, call, attempt, failures, began) : result;
            } catch (RuntimeException e) {
                last = e;
                failures.add(kindOf(e));
                LOG.fine(() -> "registry invoke " + call.correlationId() + " attempt failed: " + e.getMessage());
                if (attempt == call.attempts() || !transient_(e)) break;
                Duration delay = FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
                progress.stage("retrying", "attempt " + attempt + " failed (" + e.getMessage() + "); retrying in "
                        + delay.toMillis() + " ms");
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        ObjectNode failed = error(call.tool() + " on " + call.provider() + " failed after " + failures.size()
                + " attempt(s): " + last.getMessage());
        return call.reportsAttempts() ? withMeta(failed, call, failures.size(), failures, began) : failed;
    }

    private ObjectNode withTimeout(Invocation call, UpstreamListener listener) {
        ObjectNode params = Json.object();
        params.set("arguments", call.arguments());
        if (call.reportsAttempts()) params.putObject("_meta").put(META_KEY + "/correlation_id", call.correlationId());
        if (listener instanceof Progress.Relay relay) relay.addToken(params);
        CompletableFuture<ObjectNode> answer = CompletableFuture.supplyAsync(
                () -> gateway.callTool(call.provider(), call.tool(), params, listener),
                task -> Thread.ofVirtual().name("registry-invoke").start(task));
        try {
            return answer.get(call.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new InvokeTimeoutException(call.provider(), call.tool(), call.timeout());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException(call.provider(), "interrupted while waiting for " + call.tool());
        }
    }

    /** Worth another attempt: the provider or group was unavailable, timed out, or failed inside. */
    static boolean transient_(RuntimeException e) {
        return e instanceof ProviderUnavailableException || e instanceof GroupUnavailableException
                || e instanceof InvokeTimeoutException
                || (e instanceof UpstreamErrorException u && EventSourcedLifecycle.isServerFault(u));
    }

    private static String kindOf(RuntimeException e) {
        if (e instanceof InvokeTimeoutException) return "timeout";
        if (e instanceof GroupUnavailableException) return "group_unavailable";
        if (e instanceof ProviderUnavailableException) return "provider_unavailable";
        if (e instanceof UpstreamErrorException u) return "error " + u.error().path("code").asInt();
        return e.getClass().getSimpleName();
    }

    private static ObjectNode withMeta(ObjectNode result, Invocation call, int attempts, ArrayNode failures, long began) {
        ObjectNode meta = result.has("_meta") && result.get("_meta").isObject() ? (ObjectNode) result.get("_meta")
                : result.putObject("_meta");
        ObjectNode report = meta.putObject(META_KEY).put("correlation_id", call.correlationId()).put("attempts", attempts)
                .put("total_time_ms", Duration.ofNanos(System.nanoTime() - began).toMillis());
        report.set("failures", failures);
        return result;
    }

    /** One call's arguments, checked. */
    record Invocation(String tool, String provider, String name, ObjectNode arguments, Duration timeout, int attempts,
                      String correlationId) {

        static Invocation of(String toolName, ObjectNode args, Duration defaultTimeout) {
            String provider = string(args, "provider");
            String tool = string(args, "tool");
            JsonNode arguments = args.get("arguments");
            if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
                throw new IllegalArgumentException("argument 'arguments' must be an object, got " + arguments);
            }
            Duration timeout = defaultTimeout;
            if (args.has("timeout")) {
                double seconds = args.get("timeout").asDouble(-1);
                if (!(seconds > 0) || seconds > 3600) {
                    throw new IllegalArgumentException("argument 'timeout' must be seconds in (0, 3600], got " + args.get("timeout"));
                }
                timeout = Duration.ofMillis((long) (seconds * 1000));
            }
            int attempts = 1;
            if (!toolName.equals("registry_invoke")) {
                attempts = args.path("max_retries").asInt(DEFAULT_ATTEMPTS);
                if (attempts < 1 || attempts > 10) {
                    throw new IllegalArgumentException("argument 'max_retries' must be 1..10, got " + args.get("max_retries"));
                }
                if (!args.path("retry_on_error").asBoolean(true)) attempts = 1;
            }
            String correlation = args.path("correlation_id").isTextual() ? args.get("correlation_id").asText()
                    : UUID.randomUUID().toString();
            return new Invocation(tool, provider, toolName,
                    arguments instanceof ObjectNode o ? o.deepCopy() : Json.object(), timeout, attempts, correlation);
        }

        boolean reportsAttempts() {
            return !name.equals("registry_invoke");
        }
    }

    /** The call did not answer within its timeout (it may still finish at the provider). */
    static final class InvokeTimeoutException extends RuntimeException {
        InvokeTimeoutException(String provider, String tool, Duration timeout) {
            super(tool + " on '" + provider + "' did not answer within " + timeout.toMillis() + " ms");
        }
    }

    /**
     * Progress notifications for one stream call. The gateway's stages and the provider's own
     * notifications share the client's token, so the provider's progress values are shifted past
     * the stages already sent: the values the client sees always increase.
     */
    static class Progress {
        static final Progress NONE = new Progress(null, UpstreamListener.NONE) {
            @Override
            void stage(String stage, String message) {}

            @Override
            void beginRelay() {}
        };

        private final JsonNode token;
        private final UpstreamListener client;
        private double sent;
        private double offset;

        Progress(JsonNode token, UpstreamListener client) {
            this.token = token;
            this.client = client;
        }

        synchronized void stage(String stage, String message) {
            sent = Math.floor(sent) + 1;
            ObjectNode params = Json.object();
            params.set("progressToken", token);
            params.put("progress", sent).put("message", "[" + stage + "] " + message);
            client.onNotification((ObjectNode) Json.object().put("jsonrpc", "2.0").put("method", "notifications/progress")
                    .set("params", params));
        }

        synchronized void beginRelay() {
            offset = sent;
        }

        UpstreamListener relay(UpstreamListener listener) {
            return new Relay(listener);
        }

        final class Relay implements UpstreamListener {
            private final UpstreamListener delegate;

            Relay(UpstreamListener delegate) {
                this.delegate = delegate;
            }

            void addToken(ObjectNode params) {
                ObjectNode meta = params.has("_meta") ? (ObjectNode) params.get("_meta") : params.putObject("_meta");
                meta.set("progressToken", token);
            }

            @Override
            public void onNotification(ObjectNode notification) {
                if ("notifications/progress".equals(notification.path("method").asText())
                        && notification.get("params") instanceof ObjectNode p && p.has("progress")) {
                    synchronized (Progress.this) {
                        double shifted = offset + p.get("progress").asDouble();
                        p.put("progress", shifted);
                        if (p.has("total")) p.put("total", offset + p.get("total").asDouble());
                        sent = Math.max(sent, shifted);
                    }
                }
                delegate.onNotification(notification);
            }

            @Override
            public CompletableFuture<ObjectNode> onRequest(ObjectNode request) {
                return delegate.onRequest(request);
            }
        }
    }
}
