package dev.jetway.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.config.GatewaySettings;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.FrontDoor;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.core.mcp.SessionStore;
import dev.jetway.core.upstream.ProviderUnavailableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs the hot path once before SnapStart takes its snapshot, so the snapshot holds loaded,
 * initialised and partly compiled classes: payload v2 mapping, JSON parsing and writing, the
 * front door's checks, discovery, list aggregation, a routed call answered through a buffered
 * event stream. It talks to a throwaway gateway with no providers: no provider starts, nothing is
 * written anywhere, and it uses the stateless era, so no session id (and no SecureRandom) is
 * created to be cloned into every restored instance.
 */
final class SnapStartPriming implements Resource {

    private static final String VERSION = "2026-07-28";

    private final SessionStore sessions;

    SnapStartPriming() {
        this(new InMemorySessionStore());
    }

    /** @param sessions the priming round's own store; the round must leave it untouched */
    SnapStartPriming(SessionStore sessions) {
        this.sessions = sessions;
    }

    /** Registers a priming hook with the JVM's global CRaC context; keep the result referenced (CRaC holds it weakly). */
    static SnapStartPriming register() {
        SnapStartPriming priming = new SnapStartPriming();
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the priming round kept no connection, random state or time.
    }

    /** One round of requests against a gateway without providers; returns the status of each answer. */
    List<Integer> prime() {
        GatewaySettings settings = GatewaySettings.defaults().withAllowedHosts(List.of("*"));
        Gateway gateway = Gateway.startingOnFirstUse(new GatewayConfig(settings, Map.of()), (name, spec, listener) -> {
            throw new ProviderUnavailableException(name, "the priming gateway has no providers");
        });
        try {
            FrontDoor door = new FrontDoor(gateway, sessions, Clock.systemUTC(), false);
            List<Integer> statuses = new ArrayList<>();
            statuses.add(send(door, "server/discover", Json.object()));
            statuses.add(send(door, "tools/list", Json.object()));
            ObjectNode call = Json.object().put("name", "priming");
            call.putObject("arguments");
            statuses.add(send(door, "tools/call", call));
            return statuses;
        } finally {
            gateway.close();
        }
    }

    private static int send(FrontDoor door, String method, ObjectNode params) {
        ObjectNode meta = params.putObject("_meta").put("io.modelcontextprotocol/protocolVersion", VERSION);
        meta.putObject("io.modelcontextprotocol/clientCapabilities");
        meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "jetway-priming").put("version", "1");
        ObjectNode message = Json.object().put("jsonrpc", "2.0").put("id", 1).put("method", method);
        message.set("params", params);
        Map<String, String> headers = new HashMap<>(Map.of("host", "localhost", "content-type", "application/json",
                "accept", "application/json, text/event-stream", "mcp-protocol-version", VERSION, "mcp-method", method));
        if (params.has("name")) headers.put("mcp-name", params.get("name").asText());
        String body = Json.write(message);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default")
                .withRawPath(FrontDoor.PATH).withRawQueryString("").withHeaders(headers).withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST")
                                .withPath(FrontDoor.PATH).build()).build())
                .build();
        return HttpApiMapping.toResponse(door.handle(HttpApiMapping.toRequest(event))).getStatusCode();
    }
}
