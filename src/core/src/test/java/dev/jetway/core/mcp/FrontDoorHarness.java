package dev.jetway.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.json.Json;
import dev.jetway.core.security.Caller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** A front door over scripted providers, and the requests a client would send it. */
final class FrontDoorHarness {

    final ScriptedProviders providers = new ScriptedProviders();
    final FrontDoor frontDoor;
    final Gateway gateway;

    FrontDoorHarness(String yaml) {
        this(yaml, null);
    }

    /** @param observer gets the gateway, for observers that resolve providers; null for none */
    FrontDoorHarness(String yaml, java.util.function.Function<Gateway, RequestObserver> observer) {
        this(yaml, new InMemorySessionStore(), Clock.systemUTC(), observer);
    }

    /** A front door with its own gateway and providers that keeps its sessions in {@code sessions}. */
    FrontDoorHarness(String yaml, SessionStore sessions, Clock clock) {
        this(yaml, sessions, clock, null);
    }

    private FrontDoorHarness(String yaml, SessionStore sessions, Clock clock,
                             java.util.function.Function<Gateway, RequestObserver> observer) {
        GatewayConfig config = ConfigLoader.parse(yaml, "test.yaml");
        gateway = Gateway.startingOnFirstUse(config, providers);
        frontDoor = new FrontDoor(gateway, sessions, clock, true,
                observer == null ? RequestObserver.NONE : observer.apply(gateway));
    }

    static final String TWO_PROVIDERS = """
            gateway: {background_discovery: false, max_body_bytes: 2048}
            providers:
              alpha: {mode: remote, url: "http://alpha.invalid/mcp"}
              beta: {mode: remote, url: "http://beta.invalid/mcp"}
            """;

    FrontDoorResponse post(String body, String... headers) {
        return postAs(null, body, headers);
    }

    /** A POST as the security edge would hand it on after authenticating {@code caller} (null: trusted). */
    FrontDoorResponse postAs(Caller caller, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Host", "127.0.0.1:8080", "Content-Type", "application/json",
                "Accept", "application/json, text/event-stream"));
        all.addAll(List.of(headers));
        return frontDoor.handle(new FrontDoorRequest("POST", "/mcp", HttpHeaders.of(all.toArray(String[]::new)),
                body.getBytes(StandardCharsets.UTF_8)), caller);
    }

    FrontDoorResponse send(String method, String... headers) {
        return sendAs(null, method, headers);
    }

    /** A GET or DELETE (or any body-less request) as {@code caller} (null: trusted). */
    FrontDoorResponse sendAs(Caller caller, String method, String... headers) {
        List<String> all = new ArrayList<>(List.of("Host", "127.0.0.1:8080", "Accept", "text/event-stream"));
        all.addAll(List.of(headers));
        return frontDoor.handle(new FrontDoorRequest(method, "/mcp", HttpHeaders.of(all.toArray(String[]::new)), null), caller);
    }

    String initialize(String version) {
        return initializeAs(null, version);
    }

    /** Opens a session as {@code caller} and returns its id. */
    String initializeAs(Caller caller, String version) {
        FrontDoorResponse response = postAs(caller, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s",
                 "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""".formatted(version));
        return response.headers().get(FrontDoor.SESSION_HEADER);
    }

    /** Posts a request within a session and returns the JSON-RPC response, from JSON or SSE. */
    ObjectNode call(String session, String body) {
        return message(post(body, FrontDoor.SESSION_HEADER, session, FrontDoor.VERSION_HEADER, "2025-11-25"));
    }

    static ObjectNode message(FrontDoorResponse response) {
        List<ObjectNode> events = events(response);
        return events.get(events.size() - 1);
    }

    /** Every JSON-RPC message of the response: one for JSON, each event for a stream. */
    static List<ObjectNode> events(FrontDoorResponse response) {
        List<ObjectNode> out = new ArrayList<>();
        switch (response) {
            case FrontDoorResponse.Complete complete -> out.add((ObjectNode) Json.parse(complete.bodyText()));
            case FrontDoorResponse.EventStream stream -> {
                try {
                    stream.body().writeTo(json -> out.add((ObjectNode) Json.parse(json)));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    static JsonNode json(FrontDoorResponse response) {
        return Json.parse(((FrontDoorResponse.Complete) response).bodyText());
    }
}
