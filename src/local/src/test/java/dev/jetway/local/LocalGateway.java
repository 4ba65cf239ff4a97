package dev.jetway.local;

import dev.jetway.core.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** A real local gateway on a free loopback port, and a raw HTTP client for it. */
final class LocalGateway implements AutoCloseable {

    final JetwayLocal jetway;
    private final HttpClient http = HttpClient.newHttpClient();

    LocalGateway(String yaml) throws IOException {
        this(yaml, java.time.Clock.systemUTC());
    }

    LocalGateway(String yaml, java.time.Clock clock) throws IOException {
        this(JetwayLocal.start(ConfigLoader.parse(yaml, "test.yaml"), "127.0.0.1", 0,
                TestTools.projectRoot(), new PrintStream(System.err, true), clock));
    }

    /** A gateway the caller started its own way. */
    LocalGateway(JetwayLocal jetway) {
        this.jetway = jetway;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String url() {
        return jetway.endpoint();
    }

    String baseUrl() {
        return url().substring(0, url().length() - "/mcp".length());
    }

    HttpResponse<String> post(String body, String... headers) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("Content-Type", "application/json",
                "Accept", "application/json, text/event-stream"));
        all.addAll(List.of(headers));
        return http.send(HttpRequest.newBuilder(URI.create(url())).headers(all.toArray(String[]::new))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String session) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url())).header("Mcp-Session-Id", session).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The last JSON-RPC message of a JSON or event-stream body. */
    static String lastMessage(HttpResponse<String> response) {
        String body = response.body();
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) return body;
        String last = null;
        for (String line : body.split("\n")) if (line.startsWith("data: ")) last = line.substring(6);
        return last;
    }

    @Override
    public void close() {
        jetway.close();
    }
}
