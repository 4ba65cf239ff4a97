package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.jetway.core.json.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's credential authenticates it to Jetway and goes no further: a fake upstream that
 * records every header it receives sees the provider's own configured credential, never the
 * client's token.
 */
class ClientTokenNeverUpstreamTest {

    static final String CLIENT_KEY = "jw_client0secret0that0must0stay0at0the0edge0123456789";
    static final String UPSTREAM_CREDENTIAL = "Bearer upstream-credential-from-config";

    final List<Map<String, List<String>>> upstreamHeaders = new CopyOnWriteArrayList<>();
    HttpServer upstream;
    LocalGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) gateway.close();
        if (upstream != null) upstream.stop(0);
    }

    /** A minimal Streamable HTTP MCP server with one tool, answering JSON and recording the headers. */
    void startRecordingUpstream() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/mcp", RecordingMcpServer.recordingHeadersInto(upstreamHeaders));
        upstream.start();
    }

    @Test
    void theUpstreamReceivesItsConfiguredCredentialAndNeverTheClientsToken() throws Exception {
        startRecordingUpstream();
        String keyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(CLIENT_KEY.getBytes(StandardCharsets.UTF_8)));
        gateway = new LocalGateway("""
                gateway: {background_discovery: false}
                providers:
                  rec:
                    mode: remote
                    url: "http://127.0.0.1:%d/mcp"
                    headers: {Authorization: "%s"}
                security:
                  api_keys:
                    - {name: client, sha256: "%s", roles: [admin]}
                  providers:
                    rec: {allow_private_network: true}   # the recorder listens on loopback
                """.formatted(upstream.getAddress().getPort(), UPSTREAM_CREDENTIAL, keyHash));
        String auth = "Bearer " + CLIENT_KEY;

        String session = gateway.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""",
                "Authorization", auth).headers().firstValue("Mcp-Session-Id").orElseThrow();
        JsonNode answer = Json.parse(LocalGateway.lastMessage(gateway.post("""
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"rec__echo","arguments":{}}}""",
                "Authorization", auth, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25")));

        assertThat(answer.at("/result/content/0/text").asText()).as("the call reached the upstream").isEqualTo("echoed");
        assertThat(upstreamHeaders).as("initialize, initialized, tools/list, tools/call at least").hasSizeGreaterThanOrEqualTo(3);
        for (Map<String, List<String>> headers : upstreamHeaders) {
            assertThat(headers.toString()).as("no header carries the client's key").doesNotContain(CLIENT_KEY);
            assertThat(headers.get("Authorization")).as("the provider's own credential").containsExactly(UPSTREAM_CREDENTIAL);
        }
    }

    @Test
    void withoutTheClientsTokenTheGatewayRefusesAndTheUpstreamIsNeverAsked() throws Exception {
        startRecordingUpstream();
        gateway = new LocalGateway("""
                gateway: {background_discovery: false}
                providers:
                  rec: {mode: remote, url: "http://127.0.0.1:%d/mcp"}
                security:
                  api_keys:
                    - {name: client, sha256: "%s", roles: [admin]}
                  providers:
                    rec: {allow_private_network: true}
                """.formatted(upstream.getAddress().getPort(), "0".repeat(64)));

        int status = gateway.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""")
                .statusCode();

        assertThat(status).isEqualTo(401);
        assertThat(upstreamHeaders).isEmpty();
    }
}
