package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.json.Json;
import dev.jetway.core.security.AddressPolicy;
import dev.jetway.core.security.HostResolver;
import dev.jetway.core.security.PinnedAddresses;
import dev.jetway.core.security.RemoteDestinationGuard;
import dev.jetway.core.testing.SettableClock;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding against a long-lived remote provider session, through the local runner with the
 * JVM's pinning resolver installed. The provider's name first resolves to 127.0.0.1, which this
 * test's address rule lets stand for the public internet; once the pin has expired (a clock moved
 * by hand) the name answers a forbidden address. 127.0.0.2 is that forbidden address where the
 * test can watch for connections (loopback, refused like any other); 169.254.169.254 is the real
 * metadata address.
 */
class RemoteProviderRebindingTest {

    static final String PROVIDER_CREDENTIAL = "Bearer provider-credential-from-config";
    static final InetAddress INTERNET = address("127.0.0.1");
    static final InetAddress FORBIDDEN_LISTENER = address("127.0.0.2");

    final SettableClock pinClock = SettableClock.at("2026-01-01T00:00:00Z");
    final AtomicReference<List<InetAddress>> dnsAnswer = new AtomicReference<>(List.of(INTERNET));
    final AtomicInteger dnsLookups = new AtomicInteger();
    /** A fresh name per test: the JVM caches answers for a while, and this test starts from none. */
    final String providerHost = "rebinding-" + UUID.randomUUID() + ".test";
    final HostResolver dns = host -> {
        if (!host.equals(providerHost)) throw new UnknownHostException(host);
        dnsLookups.incrementAndGet();
        return dnsAnswer.get();
    };
    final RemoteDestinationGuard guard = new RemoteDestinationGuard(dns, PinnedAddresses.SHARED, Set.of(),
            a -> a.equals(INTERNET) ? Optional.empty() : AddressPolicy.refusal(a), pinClock,
            RemoteDestinationGuard.PIN_LIFETIME);

    final List<Map<String, List<String>>> providerRequests = new CopyOnWriteArrayList<>();
    final List<Map<String, List<String>>> forbiddenRequests = new CopyOnWriteArrayList<>();
    HttpServer provider;
    HttpServer forbidden;
    LocalGateway gateway;

    @BeforeEach
    void startServers() throws IOException {
        for (int attempt = 0; forbidden == null; attempt++) {
            provider = HttpServer.create(new InetSocketAddress(INTERNET, 0), 0);
            try {
                forbidden = HttpServer.create(new InetSocketAddress(FORBIDDEN_LISTENER, provider.getAddress().getPort()), 0);
            } catch (BindException e) {
                provider.stop(0);
                if (attempt == 5) throw e;
            }
        }
        HttpHandler recording = RecordingMcpServer.recordingHeadersInto(providerRequests);
        provider.createContext("/mcp", exchange -> {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1); // no GET event stream, nothing to DELETE; not recorded
                exchange.close();
                return;
            }
            recording.handle(exchange);
        });
        forbidden.createContext("/", exchange -> {
            forbiddenRequests.add(Map.copyOf(exchange.getRequestHeaders()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        provider.start();
        forbidden.start();
    }

    @AfterEach
    void stop() {
        if (gateway != null) gateway.close();
        if (provider != null) provider.stop(0);
        if (forbidden != null) forbidden.stop(0);
    }

    private int port() {
        return provider.getAddress().getPort();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** A gateway with one remote provider at the rebinding name, carrying a configured credential. */
    private String startGatewayAndSession() throws Exception {
        gateway = new LocalGateway(JetwayLocal.start(ConfigLoader.parse("""
                gateway: {background_discovery: false}
                providers:
                  rebinding:
                    mode: remote
                    url: "http://%s:%d/mcp"
                    headers: {Authorization: "%s"}
                """.formatted(providerHost, port(), PROVIDER_CREDENTIAL), "test.yaml"), "127.0.0.1", 0,
                TestTools.projectRoot(), new PrintStream(System.err, true), Clock.systemUTC(), guard));
        return gateway.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""")
                .headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    private JsonNode callEcho(String session, int id) throws Exception {
        return Json.parse(LocalGateway.lastMessage(gateway.post("""
                {"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"rebinding__echo","arguments":{}}}"""
                .formatted(id), "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25")));
    }

    @Test
    void after_the_pin_expires_a_name_rebound_to_a_forbidden_address_is_refused_and_nothing_reaches_that_address()
            throws Exception {
        String session = startGatewayAndSession();
        assertThat(callEcho(session, 2).at("/result/content/0/text").asText()).as("the session works at first")
                .isEqualTo("echoed");
        int reachedBefore = providerRequests.size();

        dnsAnswer.set(List.of(FORBIDDEN_LISTENER));
        pinClock.advance(RemoteDestinationGuard.PIN_LIFETIME.plusSeconds(1));
        JsonNode answer = callEcho(session, 3);

        assertThat(answer.toString()).as("the refusal names provider, host, address and the way to allow it")
                .contains("provider 'rebinding'").contains(providerHost).contains("127.0.0.2 is loopback")
                .contains("security.providers.rebinding.allow_private_network: true")
                .doesNotContain("echoed");
        assertThat(forbiddenRequests).as("nothing, and so no configured credential, reached the forbidden address")
                .isEmpty();
        assertThat(providerRequests).as("the refused call was not sent to the old address either").hasSize(reachedBefore);
    }

    @Test
    void after_the_pin_expires_a_name_rebound_to_the_metadata_address_is_refused() throws Exception {
        String session = startGatewayAndSession();
        callEcho(session, 2);

        dnsAnswer.set(List.of(address("169.254.169.254")));
        pinClock.advance(RemoteDestinationGuard.PIN_LIFETIME.plusSeconds(1));
        JsonNode answer = callEcho(session, 3);

        assertThat(answer.toString()).contains("provider 'rebinding'").contains(providerHost)
                .contains("169.254.169.254 is link-local").contains("allow_private_network").doesNotContain("echoed");
    }

    @Test
    void after_the_pin_expires_a_still_allowed_answer_keeps_the_session_working() throws Exception {
        String session = startGatewayAndSession();
        callEcho(session, 2);
        int lookupsBefore = dnsLookups.get();

        pinClock.advance(RemoteDestinationGuard.PIN_LIFETIME.plusSeconds(1));
        JsonNode answer = callEcho(session, 3);
        callEcho(session, 4);

        assertThat(answer.at("/result/content/0/text").asText()).isEqualTo("echoed");
        assertThat(dnsLookups.get()).as("re-checked once after expiry, then the new pin is fresh").isEqualTo(lookupsBefore + 1);
        assertThat(providerRequests.getLast().get("Authorization")).containsExactly(PROVIDER_CREDENTIAL);
    }

    @Test
    void while_the_pin_is_fresh_requests_cost_no_dns_lookup() throws Exception {
        String session = startGatewayAndSession();
        callEcho(session, 2);
        int lookupsAfterConnect = dnsLookups.get();

        pinClock.advance(RemoteDestinationGuard.PIN_LIFETIME);
        for (int id = 3; id < 8; id++) callEcho(session, id);

        assertThat(lookupsAfterConnect).as("the provider is connected on first use, with one lookup").isEqualTo(1);
        assertThat(dnsLookups.get()).as("no lookup per request while the pin is fresh").isEqualTo(lookupsAfterConnect);
    }

    @Test
    void a_connection_opened_outside_the_session_after_the_pin_expires_gets_no_unchecked_address() throws Exception {
        guard.check("rebinding", URI.create("http://" + providerHost + ":" + port() + "/mcp"));
        dnsAnswer.set(List.of(FORBIDDEN_LISTENER));
        pinClock.advance(RemoteDestinationGuard.PIN_LIFETIME.plusSeconds(1));

        assertThatThrownBy(() -> InetAddress.getAllByName(providerHost))
                .as("the JVM's resolver re-checks the expired pin instead of asking DNS unchecked")
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("127.0.0.2 is loopback");
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + providerHost + ":" + port() + "/mcp"))
                        .header("Authorization", PROVIDER_CREDENTIAL).GET().build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IOException.class);
        assertThat(forbiddenRequests).isEmpty();
    }
}
