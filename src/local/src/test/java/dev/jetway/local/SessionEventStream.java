package dev.jetway.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client's GET event stream on a session: what the gateway sends outside any request. */
final class SessionEventStream implements AutoCloseable {

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> reading;
    final int status;

    SessionEventStream(String url, String session) throws Exception {
        this(url, session, new String[0]);
    }

    /** @param headers more request headers, as name, value pairs (an Authorization header, say) */
    SessionEventStream(String url, String session, String... headers) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).GET()
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-11-25");
        if (headers.length > 0) builder.headers(headers);
        HttpRequest get = builder.build();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(get, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        status = response.statusCode();
        reading = CompletableFuture.runAsync(() -> response.body().filter(line -> line.startsWith("data: "))
                .forEach(line -> messages.add(Json.parse(line.substring(6)))));
    }

    /** The next message whose method is {@code method}, skipping others; null when none comes in time. */
    JsonNode next(String method, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            JsonNode message = messages.poll(left, TimeUnit.NANOSECONDS);
            if (message != null && method.equals(message.path("method").asText())) return message;
        }
        return null;
    }

    /**
     * Every message up to and including the first one whose method is {@code method}; the list
     * ends without it when none comes in time.
     */
    java.util.List<JsonNode> until(String method, Duration within) throws InterruptedException {
        java.util.List<JsonNode> seen = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            JsonNode message = messages.poll(left, TimeUnit.NANOSECONDS);
            if (message == null) continue;
            seen.add(message);
            if (method.equals(message.path("method").asText())) return seen;
        }
        return seen;
    }

    @Override
    public void close() {
        reading.cancel(true);
    }
}
