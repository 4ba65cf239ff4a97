package dev.jetway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.testing.SettableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private final ApiKeyAuthenticator.NewKey alice = ApiKeyAuthenticator.generate("alice", Set.of(), new SecureRandom());
    private final ApiKeyAuthenticator.NewKey bob = ApiKeyAuthenticator.generate("bob", Set.of(), new SecureRandom());
    private EdgeHarness harness;

    @AfterEach
    void close() {
        if (harness != null) harness.close();
    }

    private EdgeHarness gateway(String limits) {
        harness = new EdgeHarness("""
                gateway: {background_discovery: false}
                providers:
                  alpha: {mode: remote, url: "https://alpha.example/mcp"}
                  beta: {mode: remote, url: "https://beta.example/mcp"}
                security:
                  api_keys:
                    - {name: alice, sha256: "%s"}
                    - {name: bob, sha256: "%s"}
                  rate_limits:
                %s
                """.formatted(alice.entry().sha256(), bob.entry().sha256(), limits));
        return harness;
    }

    private List<Integer> burst(int n, String tool, String key) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < n; i++) statuses.add(harness.callTool(tool, key).status());
        return statuses;
    }

    @Test
    void a_callers_burst_beyond_its_limit_gets_429_with_retry_after_and_never_reaches_a_provider() {
        gateway("    per_caller: {requests_per_minute: 60, burst: 5}");

        List<Integer> statuses = burst(20, "alpha__echo", alice.key());

        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses.subList(5, 20)).containsOnly(429);
        assertThat(harness.providers.callsTo("alpha")).as("provider calls beyond the burst").isEqualTo(5);
        FrontDoorResponse.Complete refused = harness.callTool("alpha__echo", alice.key());
        assertThat(refused.headers().get("Retry-After")).as("60 per minute: one token a second").isEqualTo("1");
        JsonNode error = Json.parse(refused.bodyText()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(SecuredEndpoint.RATE_LIMITED);
        assertThat(error.path("message").asText()).contains("rate limited");
        assertThat(Json.parse(refused.bodyText()).path("jsonrpc").asText()).isEqualTo("2.0");
    }

    @Test
    void another_caller_has_its_own_bucket_and_tokens_come_back_with_time() {
        gateway("    per_caller: {requests_per_minute: 60, burst: 2}");
        burst(5, "alpha__echo", alice.key());

        assertThat(harness.callTool("alpha__echo", bob.key()).status()).as("bob is not limited by alice").isEqualTo(200);
        assertThat(harness.callTool("alpha__echo", alice.key()).status()).isEqualTo(429);
        harness.clock.advance(Duration.ofSeconds(1));
        assertThat(harness.callTool("alpha__echo", alice.key()).status()).as("one token after one second").isEqualTo(200);
        assertThat(harness.callTool("alpha__echo", alice.key()).status()).isEqualTo(429);
    }

    @Test
    void a_providers_limit_holds_across_callers_and_leaves_other_providers_alone() {
        gateway("    per_provider: {requests_per_minute: 30, burst: 3}");

        List<Integer> alpha = new ArrayList<>(burst(5, "alpha__echo", alice.key()));
        alpha.addAll(burst(5, "alpha__echo", bob.key()));
        List<Integer> beta = burst(3, "beta__echo", bob.key());

        assertThat(alpha.stream().filter(s -> s == 200).count()).isEqualTo(3);
        assertThat(harness.providers.callsTo("alpha")).as("zero provider calls beyond the limit").isEqualTo(3);
        assertThat(beta).containsOnly(200);
        assertThat(harness.callTool("alpha__echo", alice.key()).headers().get("Retry-After"))
                .as("30 per minute: two seconds for the next token").isEqualTo("2");
    }

    @Test
    void the_bucket_table_stays_bounded_by_dropping_idle_buckets() {
        SettableClock clock = SettableClock.at("2026-03-01T12:00:00Z");
        RateLimiter limiter = new RateLimiter(new RateLimit(60, 1), clock, 100);
        for (int i = 0; i < 1000; i++) {
            limiter.acquire("caller-" + i);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(limiter.bucketCount()).isLessThanOrEqualTo(100);
    }
}
