package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.security.ApiKeyAuthenticator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} stays small whatever names clients send, and it is behind the same
 * authentication as {@code /mcp}, through a real local gateway in front of server-everything from
 * npm (stdio): request series are labelled only with the providers, tools and MCP methods the
 * gateway knows, every other name is folded into one value; with API keys configured a scrape
 * without a key is refused; with no {@code security:} section (loopback only) it stays open.
 */
class MetricsCardinalityAttackTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Requests, errors, and the duration histogram: 16 buckets, +Inf, sum and count. */
    private static final int LINES_PER_REQUEST_SERIES = 21;
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) gateway.close();
    }

    @Test
    void twentyThousandRandomToolNamesAndMethodsAddNoMoreThanAFewSeriesToMetrics() throws Exception {
        gateway = new LocalGateway("""
                gateway: {background_discovery: false}
                providers:
                  everything:
                    mode: subprocess
                    command: [node, "%s", stdio]
                telemetry: {stderr: false, jsonl: false, queue_capacity: 100000, flush_interval_ms: 50}
                """.formatted(TestTools.serverEverything()));
        gateway.jetway.gateway().warm("everything");
        String session = gateway.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""")
                .headers().firstValue("Mcp-Session-Id").orElseThrow();
        send(session, call("everything__echo", 2));
        send(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
        String before = settledMetrics(3);
        int attempts = 20_000;

        // Half random methods; of the random tool names, one in five under the real provider's prefix
        // (each reaches server-everything, which answers "unknown tool"), the rest under no provider.
        Random names = new Random(7);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < attempts / 2; i++) {
            String prefix = i % 5 == 0 ? "everything__" : "";
            bodies.add(call(prefix + Long.toHexString(names.nextLong()), 10 + i));
            bodies.add("{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"x/%s\"}".formatted(10 + i, Long.toHexString(names.nextLong())));
        }
        try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (String body : bodies) sent.add(clients.submit(() -> send(session, body)));
            for (Future<HttpResponse<String>> answer : sent) answer.get();
        }
        String after = settledMetrics(3 + attempts);

        long seriesBefore = series(before);
        long seriesAfter = series(after);
        long linesBefore = before.lines().count();
        long linesAfter = after.lines().count();
        // At most three new request series: random tools of provider everything, random tools of no
        // provider, random methods.
        long defects = Math.max(0, seriesAfter - seriesBefore - 3);
        assertThat(seriesAfter - seriesBefore).as("request series added by 20,000 unknown names").isLessThanOrEqualTo(3);
        assertThat(linesAfter - linesBefore).as("lines added to /metrics (" + linesBefore + " before, " + linesAfter
                + " after); a request series is " + LINES_PER_REQUEST_SERIES + " lines").isLessThanOrEqualTo(3 * LINES_PER_REQUEST_SERIES);
        assertThat(after).as("unknown names are counted under one folded value, not dropped")
                .contains("jetway_requests_total{mcp_method=\"tools/call\",provider=\"everything\",tool=\"(other)\"} 2000\n")
                .contains("jetway_requests_total{mcp_method=\"tools/call\",provider=\"\",tool=\"(other)\"} 8000\n")
                .contains("jetway_requests_total{mcp_method=\"(other)\",provider=\"\",tool=\"\"} 10000\n")
                .as("a known tool keeps its own label")
                .contains("jetway_requests_total{mcp_method=\"tools/call\",provider=\"everything\",tool=\"everything__echo\"} 1\n");
        assertThat(defects).isZero();
        AttackFigures.record("metrics series from random tool names and methods", attempts, defects);
    }

    @Test
    void withApiKeysConfiguredMetricsAnswer401WithoutAKeyAndToAWrongKeyAnd200WithAKey() throws Exception {
        ApiKeyAuthenticator.NewKey scraper = ApiKeyAuthenticator.generate("scraper", Set.of(), RANDOM);
        ApiKeyAuthenticator.NewKey unknown = ApiKeyAuthenticator.generate("unknown", Set.of(), RANDOM);
        gateway = new LocalGateway("""
                providers: {}
                telemetry: {stderr: false, jsonl: false}
                security:
                  api_keys:
                    - {name: scraper, sha256: "%s"}
                """.formatted(scraper.entry().sha256()));

        HttpResponse<String> anonymous = scrape();
        HttpResponse<String> wrongKey = scrape("Authorization", "Bearer " + unknown.key());
        HttpResponse<String> withKey = scrape("Authorization", "Bearer " + scraper.key());

        assertThat(anonymous.statusCode()).as("no credentials, no metrics").isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as("the same challenge as /mcp").isPresent();
        assertThat(anonymous.body()).doesNotContain("jetway_requests_total");
        assertThat(wrongKey.statusCode()).as("an unknown key, no metrics").isEqualTo(401);
        assertThat(withKey.statusCode()).as("a key that /mcp accepts reads the metrics").isEqualTo(200);
        assertThat(withKey.body()).contains("# TYPE jetway_requests_total counter");
        AttackFigures.record("metrics read without credentials", 2, (anonymous.statusCode() == 200 ? 1 : 0)
                + (wrongKey.statusCode() == 200 ? 1 : 0));
    }

    @Test
    void metricsPublicServesMetricsWithoutCredentialsWhileMcpStillNeedsAKey() throws Exception {
        ApiKeyAuthenticator.NewKey alice = ApiKeyAuthenticator.generate("alice", Set.of(), RANDOM);
        gateway = new LocalGateway("""
                providers: {}
                telemetry: {stderr: false, jsonl: false, metrics_public: true}
                security:
                  api_keys:
                    - {name: alice, sha256: "%s"}
                """.formatted(alice.entry().sha256()));

        HttpResponse<String> anonymousScrape = scrape();
        HttpResponse<String> anonymousInitialize = gateway.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""");

        assertThat(anonymousScrape.statusCode()).as("telemetry.metrics_public opens /metrics").isEqualTo(200);
        assertThat(anonymousScrape.body()).contains("# TYPE jetway_requests_total counter");
        assertThat(anonymousInitialize.statusCode()).as("and only /metrics").isEqualTo(401);
    }

    @Test
    void withNoSecuritySectionOnLoopbackMetricsStayOpen() throws Exception {
        gateway = new LocalGateway("""
                providers: {}
                telemetry: {stderr: false, jsonl: false}
                """);

        HttpResponse<String> anonymous = scrape();

        assertThat(anonymous.statusCode()).as("like /mcp, open to the local machine when nobody is authenticated")
                .isEqualTo(200);
        assertThat(anonymous.body()).contains("# TYPE jetway_requests_total counter");
    }

    private HttpResponse<String> send(String session, String body) throws Exception {
        return gateway.post(body, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
    }

    private static String call(String tool, int id) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s","arguments":{"message":"m"}}}"""
                .formatted(id, tool);
    }

    private HttpResponse<String> scrape(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/metrics")).GET();
        if (headers.length > 0) request.headers(headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The metrics once the telemetry bus has delivered at least {@code requests} request events. */
    private String settledMetrics(long requests) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String text = scrape().body();
        while (countedRequests(text) < requests && System.nanoTime() < deadline) {
            Thread.sleep(100);
            text = scrape().body();
        }
        return text;
    }

    private static long countedRequests(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("jetway_requests_total{"))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static long series(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("jetway_requests_total{")).count();
    }
}
