package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A provider's list change reaches clients and the catalog. server-everything's
 * {@code gzip-file-as-resource} tool registers a new session resource and announces
 * {@code notifications/resources/list_changed}; a data: URI keeps it off the network.
 */
class ListChangedTest {

    private static final String NEW_RESOURCE = "everything+demo://resource/session/hello.txt.gz";
    private LocalGateway gateway;
    private String session;

    @BeforeEach
    void start() throws Exception {
        gateway = new LocalGateway("""
                gateway: {background_discovery: false}
                providers:
                  everything:
                    mode: subprocess
                    command: [node, "%s", stdio]
                """.formatted(TestTools.serverEverything()));
        session = gateway.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""")
                .headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    @AfterEach
    void stop() {
        if (gateway != null) gateway.close();
    }

    private JsonNode call(String body) throws Exception {
        return Json.parse(LocalGateway.lastMessage(
                gateway.post(body, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25")));
    }

    private List<String> resourceUris() throws Exception {
        List<String> uris = new ArrayList<>();
        String cursor = null;
        do {
            String params = cursor == null ? "{}" : "{\"cursor\":\"" + cursor + "\"}";
            JsonNode page = call("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/list\",\"params\":" + params + "}");
            page.at("/result/resources").forEach(r -> uris.add(r.get("uri").asText()));
            cursor = page.at("/result/nextCursor").isTextual() ? page.at("/result/nextCursor").asText() : null;
        } while (cursor != null);
        return uris;
    }

    @Test
    void aProvidersListChangeIsRelayedOnTheSessionStreamAndTheCatalogIsRefreshedFirst() throws Exception {
        call("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"everything__echo\","
                + "\"arguments\":{\"message\":\"start\"}}}");
        List<String> before = resourceUris();

        try (SessionEventStream stream = new SessionEventStream(gateway.url(), session)) {
            JsonNode gzip = call("""
                    {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"everything__gzip-file-as-resource",
                     "arguments":{"name":"hello.txt.gz","data":"data:text/plain;base64,aGVsbG8gamV0d2F5","outputType":"resourceLink"}}}""");
            JsonNode changed = stream.next("notifications/resources/list_changed", Duration.ofSeconds(20));
            List<String> after = resourceUris();

            assertThat(stream.status).isEqualTo(200);
            assertThat(gzip.at("/result/isError").asBoolean()).as(gzip.toString()).isFalse();
            assertThat(before).doesNotContain(NEW_RESOURCE);
            assertThat(changed).as("notifications/resources/list_changed on the GET stream").isNotNull();
            assertThat(after).as("the catalog was refreshed before clients were told").contains(NEW_RESOURCE);
        }
    }
}
