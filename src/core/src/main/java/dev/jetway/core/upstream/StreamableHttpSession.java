package dev.jetway.core.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.security.ForbiddenDestinationException;
import dev.jetway.core.security.RemoteDestinationGuard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One session-era Streamable HTTP session with a remote provider. Every request is its own POST;
 * the answer is JSON or an event stream that carries the request's notifications and the
 * provider's server-to-client requests before the response, so they reach the right listener.
 * What the provider sends outside any request (list changes above all) comes on a GET event
 * stream that the session holds open while it lives, when the provider offers one.
 */
final class StreamableHttpSession implements UpstreamSession {

    private static final int EVENT_STREAM_ATTEMPTS = 3;

    private final String provider;
    private final HttpClient http;
    private final URI url;
    private final Map<String, String> headers;
    private final RemoteDestinationGuard.Approval destination;
    private final TraceContextHeaders traceContext;
    private final UpstreamListener providerListener;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicReference<InputStream> eventStream = new AtomicReference<>();
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile ObjectNode initializeResult;
    private volatile boolean open = true;

    private StreamableHttpSession(String provider, HttpClient http, URI url, Map<String, String> headers,
                                  RemoteDestinationGuard.Approval destination, TraceContextHeaders traceContext,
                                  UpstreamListener providerListener) {
        this.provider = provider;
        this.http = http;
        this.url = url;
        this.headers = headers;
        this.destination = destination;
        this.traceContext = traceContext;
        this.providerListener = providerListener;
    }

    static StreamableHttpSession open(String provider, HttpClient http, URI url, Map<String, String> headers,
                                      RemoteDestinationGuard.Approval destination, TraceContextHeaders traceContext,
                                      UpstreamListener providerListener, Duration timeout) {
        StreamableHttpSession session = new StreamableHttpSession(provider, http, url, headers, destination,
                traceContext, providerListener);
        ObjectNode result = session.request("initialize", McpClientHandshake.initializeParams(), providerListener, timeout);
        session.initializeResult = result;
        session.protocolVersion = result.path("protocolVersion").asText(McpClientHandshake.PROTOCOL_VERSION);
        session.notify("notifications/initialized", null);
        Thread.ofVirtual().name("jetway-" + provider + "-events").start(session::holdEventStream);
        return session;
    }

    @Override
    public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout) {
        return request(method, params, listener, timeout, Cancellation.none());
    }

    @Override
    public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout,
                              Cancellation cancellation) {
        if (!open) throw new ProviderUnavailableException(provider, "its session has ended");
        String id = "jw-" + ids.incrementAndGet();
        ObjectNode outgoing = params == null ? null : params.deepCopy();
        JsonNode clientToken = null;
        if (outgoing != null && outgoing.get("_meta") instanceof ObjectNode meta && meta.has("progressToken")) {
            clientToken = meta.get("progressToken");
            meta.put("progressToken", id);
        }
        ObjectNode message = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (outgoing != null) message.set("params", outgoing);
        JsonNode token = clientToken;
        // Asked here, on the caller's thread, where the caller's trace context is current.
        Map<String, String> trace = traceContext.besides(headers);
        AtomicReference<InputStream> body = new AtomicReference<>();
        CompletableFuture<JsonNode> outcome = CompletableFuture.supplyAsync(
                () -> exchange(message, trace, id, token, listener, body), command -> Thread.ofVirtual().start(command));
        cancellation.onCancel(reason -> {
            if (outcome.isDone()) return;
            abandon(id, reason, body);
            outcome.completeExceptionally(new RequestCancelledException(provider, method, reason));
        });
        try {
            JsonNode response = outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.get("error") instanceof ObjectNode error) throw new UpstreamErrorException(provider, error);
            return response.get("result") instanceof ObjectNode result ? result : Json.object();
        } catch (TimeoutException e) {
            abandon(id, "timed out in the gateway", body);
            outcome.cancel(true);
            throw new ProviderUnavailableException(provider, method + " did not answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException(provider, method + " was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderUnavailableException unavailable) throw unavailable;
            if (e.getCause() instanceof RequestCancelledException cancelled) throw cancelled;
            throw new ProviderUnavailableException(provider, String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }

    /** Tells the provider to stop working on a request and stops reading its answer. */
    private void abandon(String id, String reason, AtomicReference<InputStream> body) {
        notify("notifications/cancelled", Json.object().put("requestId", id).put("reason", reason));
        closeQuietly(body.get());
    }

    /**
     * Reads the provider's GET event stream until the session closes, reconnecting when it ends.
     * A provider without one (405, or any other refusal) is left alone; so is one whose stream
     * fails {@value #EVENT_STREAM_ATTEMPTS} times in a row.
     */
    private void holdEventStream() {
        int failures = 0;
        while (open && failures < EVENT_STREAM_ATTEMPTS) {
            HttpRequest.Builder get = HttpRequest.newBuilder(url).GET().header("Accept", "text/event-stream");
            if (sessionId != null) get.header("Mcp-Session-Id", sessionId);
            if (protocolVersion != null) get.header("MCP-Protocol-Version", protocolVersion);
            headers.forEach(get::header);
            try {
                HttpResponse<InputStream> response = send(get.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    closeQuietly(response.body());
                    return;
                }
                eventStream.set(response.body());
                boolean[] delivered = {false};
                try (InputStream body = response.body()) {
                    readEvents(body, message -> {
                        delivered[0] = true;
                        if (message.has("method") && message.has("id")) {
                            relayRequest(message, providerListener);
                        } else if (message.has("method")) {
                            providerListener.onNotification(message);
                        }
                        return false;
                    });
                }
                // A stream that ends at once, again and again, counts as failing: no busy reconnect loop.
                failures = delivered[0] ? 0 : failures + 1;
            } catch (IOException e) {
                failures++;
            } catch (ForbiddenDestinationException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Reads an event stream's messages in order, each to {@code each}, until it answers true (the
     * message awaited has come) or the stream ends.
     *
     * @return the message {@code each} accepted, or null when the stream ended first
     */
    private static ObjectNode readEvents(InputStream body, java.util.function.Predicate<ObjectNode> each)
            throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("data:")) {
                data.append(line.substring(5).stripLeading());
            } else if (line.isEmpty() && !data.isEmpty()) {
                JsonNode event = Json.MAPPER.readTree(data.toString());
                data.setLength(0);
                if (event instanceof ObjectNode message && each.test(message)) return message;
            }
        }
        return null;
    }

    private static void closeQuietly(InputStream stream) {
        if (stream == null) return;
        try {
            stream.close();
        } catch (IOException e) {
            // Closing is only to stop reading early; the exchange is abandoned either way.
        }
    }

    @Override
    public void notify(String method, ObjectNode params) {
        ObjectNode message = Json.object().put("jsonrpc", "2.0").put("method", method);
        if (params != null) message.set("params", params);
        try {
            send(post(message, traceContext.besides(headers)), HttpResponse.BodyHandlers.discarding());
        } catch (IOException | ForbiddenDestinationException e) {
            // A lost notification is not worth failing anything for; the next request will tell.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ObjectNode initializeResult() {
        return initializeResult.deepCopy();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        closeQuietly(eventStream.get());
        if (sessionId == null) return;
        HttpRequest.Builder delete = HttpRequest.newBuilder(url).DELETE().header("Mcp-Session-Id", sessionId);
        headers.forEach(delete::header);
        try {
            destination.confirm();
        } catch (ForbiddenDestinationException e) {
            return;
        }
        http.sendAsync(delete.build(), HttpResponse.BodyHandlers.discarding());
    }

    private JsonNode exchange(ObjectNode message, Map<String, String> trace, String id, JsonNode clientToken,
                              UpstreamListener listener, AtomicReference<InputStream> bodyHolder) {
        HttpResponse<InputStream> response;
        try {
            response = send(post(message, trace), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ForbiddenDestinationException e) {
            throw new ProviderUnavailableException(provider, e.getMessage(), e);
        } catch (IOException e) {
            throw new ProviderUnavailableException(provider, "cannot reach " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException(provider, "interrupted", e);
        }
        if (sessionId == null) response.headers().firstValue("Mcp-Session-Id").ifPresent(s -> sessionId = s);
        int status = response.statusCode();
        if (status == 404 && sessionId != null) {
            open = false;
            throw new ProviderUnavailableException(provider, "its session ended (HTTP 404); it restarts on next use");
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        bodyHolder.set(response.body());
        try (InputStream body = response.body()) {
            if (type.startsWith("text/event-stream")) return readStream(body, id, clientToken, listener);
            JsonNode parsed = Json.MAPPER.readTree(body);
            if (parsed instanceof ObjectNode object && (object.has("result") || object.has("error"))) return object;
            throw new ProviderUnavailableException(provider, "HTTP " + status + " without a JSON-RPC response");
        } catch (IOException e) {
            throw new ProviderUnavailableException(provider, "reading the answer failed: " + e, e);
        }
    }

    private JsonNode readStream(InputStream body, String id, JsonNode clientToken, UpstreamListener listener)
            throws IOException {
        ObjectNode response = readEvents(body, message -> {
            if (!message.has("method")) return id.equals(message.path("id").asText());
            if (message.has("id")) {
                relayRequest(message, listener);
            } else if (message.path("method").asText().endsWith("/list_changed")) {
                providerListener.onNotification(message);
            } else {
                if (clientToken != null && message.path("params").path("progressToken").asText().equals(id)) {
                    ((ObjectNode) message.get("params")).set("progressToken", clientToken);
                }
                listener.onNotification(message);
            }
            return false;
        });
        if (response == null) throw new ProviderUnavailableException(provider, "its event stream ended before the response");
        return response;
    }

    private void relayRequest(ObjectNode request, UpstreamListener listener) {
        listener.onRequest(request).whenComplete((result, failure) -> {
            ObjectNode response = Json.object().put("jsonrpc", "2.0");
            response.set("id", request.get("id"));
            if (failure == null) {
                response.set("result", result);
            } else if ((failure.getCause() != null ? failure.getCause() : failure)
                    instanceof ClientRequestRefusedException refused) {
                response.set("error", refused.error());
            } else {
                response.putObject("error").put("code", -32603).put("message", String.valueOf(failure.getMessage()));
            }
            try {
                send(post(response, Map.of()), HttpResponse.BodyHandlers.discarding());
            } catch (IOException | ForbiddenDestinationException e) {
                // The provider will time its request out; nothing else can be done from here.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Every request of the session goes through here: the destination is confirmed first (free while
     * its pin is fresh), so a connection the client opens later never goes somewhere refused.
     *
     * @throws ForbiddenDestinationException when the provider's name now resolves somewhere refused
     */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        destination.confirm();
        return http.send(request, body);
    }

    /** @param trace trace context headers, already kept clear of the configured ones ({@link TraceContextHeaders#besides}) */
    private HttpRequest post(ObjectNode message, Map<String, String> trace) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(message)))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
        if (sessionId != null) builder.header("Mcp-Session-Id", sessionId);
        if (protocolVersion != null) builder.header("MCP-Protocol-Version", protocolVersion);
        headers.forEach(builder::header);
        trace.forEach(builder::header);
        return builder.build();
    }
}
