package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.config.GatewaySettings;
import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.mcp.HttpHeaders;
import dev.jetway.core.security.Caller;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} behind the edge answers only GET at exactly its path, from a Host and Origin the
 * MCP endpoint would accept too (a web page cannot read a loopback gateway's metrics by DNS
 * rebinding); every other path is the front door's.
 */
class MetricsEndpointTest {

    private final MetricsEndpoint endpoint = new MetricsEndpoint(
            (request, caller) -> new FrontDoorResponse.Complete(299, Map.of(), new byte[0]),
            () -> "jetway_requests_total 0\n", GatewaySettings.defaults());

    private FrontDoorResponse send(String method, String path, String... headers) {
        return endpoint.handle(new FrontDoorRequest(method, path, HttpHeaders.of(headers), new byte[0]), Caller.ANONYMOUS);
    }

    @Test
    void aGetFromLoopbackGetsTheScrape() {
        FrontDoorResponse.Complete scrape = (FrontDoorResponse.Complete) send("GET", "/metrics", "Host", "127.0.0.1:8080");

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.bodyText()).isEqualTo("jetway_requests_total 0\n");
    }

    @Test
    void aForeignHostOrOriginIsRefusedAsOnTheMcpEndpoint() {
        assertThat(send("GET", "/metrics", "Host", "attacker.example:8080").status()).as("DNS rebinding").isEqualTo(421);
        assertThat(send("GET", "/metrics", "Host", "localhost", "Origin", "https://attacker.example").status())
                .as("a cross-site read").isEqualTo(403);
    }

    @Test
    void onlyGetIsServedAndEveryOtherPathGoesToTheFrontDoor() {
        assertThat(send("POST", "/metrics", "Host", "localhost").status()).isEqualTo(405);
        assertThat(send("GET", "/metricsx", "Host", "localhost").status()).as("the front door's answer").isEqualTo(299);
        assertThat(send("POST", "/mcp", "Host", "localhost").status()).isEqualTo(299);
    }
}
