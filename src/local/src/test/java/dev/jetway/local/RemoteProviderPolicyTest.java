package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.security.AddressPolicy;
import dev.jetway.core.security.HostResolver;
import dev.jetway.core.security.PinnedAddresses;
import dev.jetway.core.security.RemoteDestinationGuard;
import dev.jetway.core.testing.SettableClock;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SSRF guard as the local runner wires it: the real connector, the JVM's resolver, loopback servers. */
class RemoteProviderPolicyTest {

    private HttpServer upstream;
    private final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        upstream.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        upstream.start();
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
    }

    private int port() {
        return upstream.getAddress().getPort();
    }

    @Test
    void a_remote_provider_on_loopback_is_never_contacted_and_the_call_says_how_to_allow_it() throws Exception {
        String yaml = """
                gateway: {background_discovery: false}
                providers:
                  sneaky: {mode: remote, url: "http://2130706433:%d/mcp"}
                """.formatted(port());
        try (JetwayLocal jetway = JetwayLocal.start(ConfigLoader.parse(yaml, "test.yaml"), "127.0.0.1", 0,
                TestTools.projectRoot(), new PrintStream(System.err, true))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(jetway.endpoint()))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "sneaky__x")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"sneaky__x","arguments":{},
                             "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",
                                      "io.modelcontextprotocol/clientCapabilities":{}}}}""")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).contains("127.0.0.1 is loopback").contains("allow_private_network");
            assertThat(hits.get()).as("the loopback server was never contacted").isZero();
        }
    }

    @Test
    void the_jvm_resolver_answers_a_pinned_name_with_the_checked_address_not_with_dns() throws Exception {
        String name = "pinned-provider.invalid";
        PinnedAddresses.SHARED.pin(name, new PinnedAddresses.Pin(List.of(InetAddress.getLoopbackAddress()),
                Instant.now().plus(Duration.ofMinutes(10)), Clock.systemUTC(), host -> {
                    throw new AssertionError("the pin is fresh");
                }));

        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + name + ":" + port() + "/")).GET().build(), HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).as(".invalid never resolves in DNS; only the pin can answer it").isEqualTo(204);
        assertThat(hits.get()).isEqualTo(1);
    }

    @Test
    void an_expired_pin_is_checked_again_against_dns_itself_even_from_inside_the_jvm_resolver() throws Exception {
        // localhost is the one name the real DNS answers here, and loopback stands for the internet in
        // this guard. The JVM caches lookups by the exact spelling, so each new spelling is a fresh lookup.
        SettableClock clock = SettableClock.at("2026-01-01T00:00:00Z");
        RemoteDestinationGuard guard = new RemoteDestinationGuard(HostResolver.SYSTEM, PinnedAddresses.SHARED, Set.of(),
                address -> address.isLoopbackAddress() ? Optional.empty() : AddressPolicy.refusal(address), clock,
                RemoteDestinationGuard.PIN_LIFETIME);
        RemoteDestinationGuard.Approval approval = guard.asCheck().check("local", URI.create("http://LOCALhost:" + port() + "/"));

        clock.advance(RemoteDestinationGuard.PIN_LIFETIME.plusSeconds(1));
        approval.confirm();
        clock.advance(RemoteDestinationGuard.PIN_LIFETIME.plusSeconds(1));
        InetAddress[] viaTheJvm = InetAddress.getAllByName("localHOST");
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://LocalHost:" + port() + "/")).GET().build(), HttpResponse.BodyHandlers.discarding());

        assertThat(viaTheJvm).as("the JVM's resolver re-checked the expired pin with DNS, not by asking itself again")
                .isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
        assertThat(response.statusCode()).isEqualTo(204);
    }
}
