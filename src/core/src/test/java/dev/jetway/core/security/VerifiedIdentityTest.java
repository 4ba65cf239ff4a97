package dev.jetway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.mcp.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Which caller the edge hands on, for each kind of identity API Gateway can pass beside the request. */
class VerifiedIdentityTest {

    static final String PROVIDERS = "providers:\n  p: {mode: remote, url: \"https://p.example/mcp\"}\n";
    final AtomicReference<Caller> seen = new AtomicReference<>();

    SecuredEndpoint edge(String security) {
        return SecuredEndpoint.forConfig(ConfigLoader.parse(PROVIDERS + security, "edge.yaml"), Clock.systemUTC(),
                (request, caller) -> {
                    seen.set(caller);
                    return new FrontDoorResponse.Complete(200, Map.of(), new byte[0]);
                });
    }

    static FrontDoorRequest ping(Map<String, List<String>> headers) {
        return new FrontDoorRequest("POST", "/mcp", new HttpHeaders(headers),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void behind_the_jwt_authorizer_alone_the_caller_is_the_tokens_subject_with_its_scopes() {
        FrontDoorResponse response = edge("").handle(ping(Map.of()), new AuthorizerClaims("alice", Set.of("mcp:tools")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(seen.get()).isEqualTo(new Caller("jwt:alice", Set.of(), Set.of("mcp:tools")));
    }

    @Test
    void without_any_verified_identity_or_configured_authentication_the_caller_is_anonymous() {
        edge("").handle(ping(Map.of()), null);

        assertThat(seen.get()).isEqualTo(Caller.ANONYMOUS);
    }

    @Test
    void the_gateways_own_authentication_wins_over_the_authorizers_claims() {
        SecuredEndpoint keys = edge("security:\n  api_keys:\n    - {name: ci, sha256: \"" + "a".repeat(64) + "\"}\n");

        FrontDoorResponse response = keys.handle(ping(Map.of()), new AuthorizerClaims("alice", Set.of()));

        assertThat(response.status()).as("no bearer token of its own: refused").isEqualTo(401);
        assertThat(seen.get()).isNull();
    }

    @Test
    void with_iam_callers_only_an_iam_identity_counts() {
        SecuredEndpoint iam = edge("security:\n  iam:\n    principals:\n      - {arn: \"arn:aws:iam::1:user/ops\", roles: [admin]}\n");

        FrontDoorResponse claims = iam.handle(ping(Map.of()), new AuthorizerClaims("alice", Set.of()));
        FrontDoorResponse signer = iam.handle(ping(Map.of()), new IamPrincipal("arn:aws:iam::1:user/ops", "1"));

        assertThat(claims.status()).isEqualTo(401);
        assertThat(signer.status()).isEqualTo(200);
        assertThat(seen.get()).isEqualTo(new Caller("iam:arn:aws:iam::1:user/ops", Set.of("admin"), Set.of()));
    }
}
