package dev.jetway.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jetway.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for an API Gateway HTTP API with a Lambda proxy integration (payload format
 * 2.0, {@code $default} stage and route) on a loopback port. Each HTTP request becomes the JSON
 * event API Gateway would send — lower-case header names, repeated headers joined with commas,
 * cookies in their own list, binary bodies base64-encoded, a full requestContext — which is then
 * read with the Lambda runtime's own serializer and handed to the handler in-process. The
 * handler's response goes back through the same serializer and becomes the HTTP response.
 * Like API Gateway with a buffered integration, nothing reaches the client before the handler returns.
 * Optionally the route is IAM-authorized, as with API Gateway's IAM authorizer: a request must be
 * SigV4-signed by one of the known identities (else 403, and the handler is not invoked), and the
 * signer's identity goes into {@code requestContext.authorizer.iam}.
 */
final class ApiGatewayEmulator implements AutoCloseable {

    static {
        // The JDK HTTP server leaves Nagle's algorithm on unless this is set before its first use; with
        // the client's delayed ACK that held each small event-stream write back by about 40 ms.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }


    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final HttpServer server;
    private final Map<String, SigV4.Identity> iamIdentities;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final PojoSerializer<APIGatewayV2HTTPEvent> events =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, ApiGatewayEmulator.class.getClassLoader());
    private final PojoSerializer<APIGatewayV2HTTPResponse> responses =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, ApiGatewayEmulator.class.getClassLoader());

    ApiGatewayEmulator(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) throws IOException {
        this(handler, 0);
    }

    ApiGatewayEmulator(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, int port)
            throws IOException {
        this(handler, port, null);
    }

    /** An IAM-authorized route: only requests signed by one of {@code identities} (by access key id) reach the handler. */
    static ApiGatewayEmulator iamAuthorized(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                            Map<String, SigV4.Identity> identities) throws IOException {
        return new ApiGatewayEmulator(handler, 0, Map.copyOf(identities));
    }

    private ApiGatewayEmulator(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, int port,
                               Map<String, SigV4.Identity> iamIdentities) throws IOException {
        this.handler = handler;
        this.iamIdentities = iamIdentities;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = UUID.randomUUID().toString();
            byte[] body = exchange.getRequestBody().readAllBytes();
            ObjectNode eventNode = event(exchange, body, requestId);
            if (iamIdentities != null) {
                Map<String, String> headers = new LinkedHashMap<>();
                eventNode.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
                String query = exchange.getRequestURI().getRawQuery();
                java.net.URI uri = java.net.URI.create("http://" + headers.getOrDefault("host", "127.0.0.1")
                        + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
                java.util.Optional<String> refusal = SigV4.refusal(exchange.getRequestMethod(), uri, headers, body,
                        iamIdentities, Instant.now());
                if (refusal.isPresent()) {
                    // What API Gateway answers before the function when IAM authorization fails.
                    send(exchange, 403, Map.of("content-type", "application/json", "x-amzn-errortype", "ForbiddenException"),
                            Json.write(Json.object().put("message", refusal.get())).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                SigV4.Identity signer = iamIdentities.get(headers.get("authorization").replaceFirst(".*Credential=([^/]+)/.*", "$1"));
                ((ObjectNode) eventNode.get("requestContext")).putObject("authorizer").putObject("iam")
                        .put("accessKey", signer.accessKeyId()).put("accountId", signer.accountId())
                        .put("callerId", signer.accessKeyId())
                        .putNull("cognitoIdentity").putNull("principalOrgId")
                        .put("userArn", signer.arn()).put("userId", signer.accessKeyId());
            }
            String eventJson = Json.write(eventNode);
            APIGatewayV2HTTPEvent event = events.fromJson(eventJson);
            APIGatewayV2HTTPResponse response;
            try {
                response = handler.handleRequest(event, new InvocationContext(requestId));
            } catch (RuntimeException e) {
                // What API Gateway answers when the function fails.
                send(exchange, 500, Map.of("content-type", "application/json"),
                        "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            responses.toJson(response, json);
            reply(exchange, Json.MAPPER.readTree(json.toByteArray()));
        }
    }

    /** The payload v2 event API Gateway builds for this request. */
    static ObjectNode event(HttpExchange exchange, byte[] body, String requestId) {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        ObjectNode event = Json.object().put("version", "2.0").put("routeKey", "$default")
                .put("rawPath", rawPath).put("rawQueryString", rawQuery == null ? "" : rawQuery);
        ObjectNode headers = Json.object();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> { for (String c : v.split(";")) if (!c.isBlank()) cookies.add(c.trim()); });
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) cookies.forEach(event.putArray("cookies")::add);
        event.set("headers", headers);
        if (rawQuery != null) event.set("queryStringParameters", queryParameters(rawQuery));
        String host = headers.path("host").asText("127.0.0.1");
        Instant now = Instant.now();
        ObjectNode context = event.putObject("requestContext").put("accountId", "123456789012").put("apiId", "jetwaylocal")
                .put("domainName", host.replaceFirst(":\\d+$", "")).put("domainPrefix", "jetwaylocal")
                .put("requestId", requestId).put("routeKey", "$default").put("stage", "$default")
                .put("time", REQUEST_TIME.format(now)).put("timeEpoch", now.toEpochMilli());
        context.putObject("http").put("method", exchange.getRequestMethod()).put("path", rawPath)
                .put("protocol", exchange.getProtocol()).put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress())
                .put("userAgent", headers.path("user-agent").asText(""));
        if (body.length > 0) {
            boolean text = isText(headers.path("content-type").asText(""));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.startsWith("application/json") || type.contains("+json")
                || type.startsWith("application/xml") || type.startsWith("application/x-www-form-urlencoded");
    }

    private static ObjectNode queryParameters(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        ObjectNode node = Json.object();
        values.forEach((k, v) -> node.put(k, String.join(",", v)));
        return node;
    }

    private static void reply(HttpExchange exchange, JsonNode response) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        response.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        response.path("multiValueHeaders").fields().forEachRemaining(e -> {
            List<String> all = new ArrayList<>();
            e.getValue().forEach(v -> all.add(v.asText()));
            headers.put(e.getKey(), String.join(",", all));
        });
        response.path("cookies").forEach(c -> exchange.getResponseHeaders().add("Set-Cookie", c.asText()));
        String body = response.path("body").asText("");
        byte[] bytes = response.path("isBase64Encoded").asBoolean()
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        send(exchange, response.path("statusCode").asInt(200), headers, bytes);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) exchange.getResponseBody().write(body);
    }
}
