package dev.jetway.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jetway.core.json.Json;
import dev.jetway.core.lifecycle.HealthEndpoints;
import dev.jetway.core.mcp.FrontDoor;
import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.mcp.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The front door on the JDK's HTTP server: enough for one machine, no dependency, and it can
 * hold event streams open (one virtual thread per exchange).
 */
public final class LocalHttpServer implements AutoCloseable {

    static {
        // The JDK HTTP server leaves Nagle's algorithm on unless this is set before its first use; with
        // the client's delayed ACK that held each small event-stream write back by about 40 ms.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }


    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final long maxBodyBytes;

    public LocalHttpServer(FrontDoor frontDoor, String host, int port, long maxBodyBytes) throws IOException {
        this(frontDoor::handle, host, port, maxBodyBytes);
    }

    /** Serves anything that takes the front door's requests, such as the security edge in front of it. */
    public LocalHttpServer(Function<FrontDoorRequest, FrontDoorResponse> endpoint, String host, int port,
                           long maxBodyBytes) throws IOException {
        this.maxBodyBytes = maxBodyBytes;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        server.createContext("/", exchange -> serve(endpoint, exchange));
        server.setExecutor(threads);
    }

    /** Serves {@code body} as a GET-only text resource at exactly {@code path} (e.g. /metrics), beside the front door. */
    public void serveText(String path, String contentType, Supplier<String> body) {
        server.createContext(path, exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    exchange.sendResponseHeaders(404, -1);
                } else if (!exchange.getRequestMethod().equals("GET")) {
                    exchange.getResponseHeaders().set("Allow", "GET");
                    exchange.sendResponseHeaders(405, -1);
                } else {
                    byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", contentType);
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
            }
        });
    }

    public void start() {
        server.start();
    }

    /** Serves {@code /health/live}, {@code /health/ready} and {@code /health/startup} (GET or HEAD). */
    public void serveHealth(HealthEndpoints endpoints) {
        server.createContext("/health/", exchange -> {
            try (exchange) {
                var response = endpoints.handle(exchange.getRequestURI().getPath());
                if (response.isEmpty() || !(exchange.getRequestMethod().equals("GET")
                        || exchange.getRequestMethod().equals("HEAD"))) {
                    byte[] text = (response.isEmpty() ? "not found; health endpoints: " + HealthEndpoints.LIVE + ", "
                            + HealthEndpoints.READY + ", " + HealthEndpoints.STARTUP : "use GET")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                    exchange.sendResponseHeaders(response.isEmpty() ? 404 : 405, text.length);
                    exchange.getResponseBody().write(text);
                    return;
                }
                byte[] body = Json.write(response.get().body()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(response.get().status(), head ? -1 : body.length);
                if (!head) exchange.getResponseBody().write(body);
            } catch (IOException e) {
                // The prober went away; nothing to tell it.
            }
        });
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void serve(Function<FrontDoorRequest, FrontDoorResponse> endpoint, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBounded(exchange.getRequestBody());
            String path = exchange.getRequestURI().getRawPath();
            if (exchange.getRequestURI().getRawQuery() != null) path += "?" + exchange.getRequestURI().getRawQuery();
            FrontDoorResponse response = endpoint.apply(new FrontDoorRequest(exchange.getRequestMethod(), path,
                    new HttpHeaders(exchange.getRequestHeaders()), body));
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            switch (response) {
                case FrontDoorResponse.Complete complete -> {
                    exchange.sendResponseHeaders(complete.status(), complete.body().length == 0 ? -1 : complete.body().length);
                    if (complete.body().length > 0) exchange.getResponseBody().write(complete.body());
                }
                case FrontDoorResponse.EventStream stream -> {
                    exchange.sendResponseHeaders(stream.status(), 0);
                    OutputStream out = exchange.getResponseBody();
                    // The headers go out now, not with the first event, which on a GET stream may be long in coming.
                    out.flush();
                    stream.body().writeTo(json -> {
                        out.write(("event: message\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    });
                }
            }
        } catch (IOException e) {
            // The client went away mid-response; nothing is left to tell it.
        }
    }

    /** Reads at most one byte past the limit, so the front door can answer 413 without reading more. */
    private byte[] readBounded(InputStream in) throws IOException {
        return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    }
}
