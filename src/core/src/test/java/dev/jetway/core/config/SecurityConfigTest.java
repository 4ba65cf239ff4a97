package dev.jetway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.security.IamPrincipal;
import dev.jetway.core.security.JsonLimits;
import dev.jetway.core.security.RateLimit;
import dev.jetway.core.security.SecuritySettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityConfigTest {

    private static final String PROVIDERS = """
            providers:
              internal: {mode: remote, url: "http://10.0.0.5/mcp"}
            """;

    private static GatewayConfig parse(String security) {
        return ConfigLoader.parse(PROVIDERS + security, "jetway.yaml");
    }

    @Test
    void a_file_without_a_security_section_authenticates_nobody_and_limits_nothing_but_json_shape() {
        SecuritySettings security = parse("").security();

        assertThat(security.authenticates()).isFalse();
        assertThat(security.perCaller()).isNull();
        assertThat(security.json()).isEqualTo(JsonLimits.DEFAULTS);
        assertThat(security.allowUnauthenticatedNonLoopback()).isFalse();
    }

    @Test
    void every_documented_key_is_read() {
        SecuritySettings security = parse("""
                security:
                  oauth:
                    resource: https://mcp.example.com/mcp
                    issuer: https://auth.example.com/
                    jwks_uri: https://auth.example.com/.well-known/jwks.json
                    authorization_servers: [https://auth.example.com/]
                    algorithms: [ES256]
                    required_scopes: [mcp:tools]
                    clock_skew_s: 30
                    roles_claim: groups
                    jwks_cache_s: 600
                    jwks_min_refetch_s: 10
                  api_keys:
                    - {name: ci, sha256: "%s", roles: [reader]}
                    - {name: old, sha256: "%s", revoked: true}
                  allow_unauthenticated_non_loopback: false
                  rate_limits:
                    per_caller: {requests_per_minute: 120, burst: 20}
                    per_provider: {requests_per_minute: 600}
                  json: {max_depth: 32, max_batch: 10}
                  providers:
                    internal: {allow_private_network: true}
                """.formatted("a".repeat(64), "b".repeat(64))).security();

        assertThat(security.oauth().resource().toString()).isEqualTo("https://mcp.example.com/mcp");
        assertThat(security.oauth().algorithms()).containsExactly("ES256");
        assertThat(security.oauth().requiredScopes()).containsExactly("mcp:tools");
        assertThat(security.oauth().clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(security.oauth().rolesClaim()).isEqualTo("groups");
        assertThat(security.oauth().jwksMinRefetchInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(security.apiKeys()).hasSize(2);
        assertThat(security.apiKeys().get(0).roles()).isEqualTo(Set.of("reader"));
        assertThat(security.apiKeys().get(1).revoked()).isTrue();
        assertThat(security.perCaller()).isEqualTo(new RateLimit(120, 20));
        assertThat(security.perProvider()).as("burst defaults to a tenth of a minute").isEqualTo(new RateLimit(600, 100));
        assertThat(security.json()).isEqualTo(new JsonLimits(32, 10));
        assertThat(security.privateNetworkProviders()).containsExactly("internal");
        assertThat(security.authenticates()).isTrue();
    }

    @Test
    void a_misspelt_key_is_an_error_naming_its_path_and_the_expected_keys() {
        assertThatThrownBy(() -> parse("security:\n  rate_limit: {}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("jetway.yaml: security.rate_limit: unknown key")
                .hasMessageContaining("rate_limits");
    }

    @Test
    void an_hmac_algorithm_is_refused_with_the_reason() {
        assertThatThrownBy(() -> parse("""
                security:
                  oauth: {resource: "https://m.example/mcp", issuer: "https://a.example/", jwks_uri: "https://a.example/jwks", algorithms: [HS256]}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("security.oauth")
                .hasMessageContaining("HS256");
    }

    @Test
    void oauth_without_a_resource_says_what_the_resource_is() {
        assertThatThrownBy(() -> parse("""
                security:
                  oauth: {issuer: "https://a.example/", jwks_uri: "https://a.example/jwks"}
                """))
                .hasMessageContaining("security.oauth.resource: missing; expected this gateway's MCP URL");
    }

    @Test
    void private_network_for_an_unknown_provider_is_an_error() {
        assertThatThrownBy(() -> parse("security:\n  providers:\n    nope: {allow_private_network: true}\n"))
                .hasMessageContaining("security.providers.nope: unknown provider");
    }

    @Test
    void an_api_key_entry_with_a_malformed_hash_is_refused() {
        assertThatThrownBy(() -> parse("security:\n  api_keys:\n    - {name: ci, sha256: abc}\n"))
                .hasMessageContaining("security.api_keys[0]")
                .hasMessageContaining("64 lowercase hex");
    }

    @Test
    void the_rest_of_the_file_is_still_read_strictly() {
        assertThatThrownBy(() -> ConfigLoader.parse(PROVIDERS + "securty: {}\n", "jetway.yaml"))
                .hasMessageContaining("securty: unknown key");
        assertThat(List.of(parse("security: {}\n").providers().keySet().toArray())).containsExactly("internal");
    }

    @Test
    void iam_principals_map_arn_patterns_to_roles() {
        SecuritySettings security = parse("""
                security:
                  iam:
                    principals:
                      - {arn: "arn:aws:sts::123456789012:assumed-role/agents/*", roles: [agents]}
                      - {arn: "arn:aws:iam::123456789012:user/ops", roles: [admin, agents]}
                """).security();

        assertThat(security.authenticates()).isTrue();
        assertThat(security.iam().principals()).extracting(p -> p.arn())
                .containsExactly("arn:aws:sts::123456789012:assumed-role/agents/*", "arn:aws:iam::123456789012:user/ops");
        assertThat(security.iam().caller(new IamPrincipal("arn:aws:iam::123456789012:user/ops", "123456789012")).roles())
                .containsExactlyInAnyOrder("admin", "agents");
    }

    @Test
    void iam_together_with_bearer_authentication_is_refused_with_the_reason() {
        assertThatThrownBy(() -> parse("""
                security:
                  api_keys:
                    - {name: ci, sha256: "%s"}
                  iam: {principals: []}
                """.formatted("a".repeat(64))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("iam cannot be combined with oauth or api_keys")
                .hasMessageContaining("SigV4");
    }

    @Test
    void an_iam_principal_that_is_not_an_arn_names_its_place_and_an_example() {
        assertThatThrownBy(() -> parse("""
                security:
                  iam:
                    principals:
                      - {arn: "ops", roles: [admin]}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("security.iam.principals[0].arn")
                .hasMessageContaining("arn:aws:iam::123456789012:role/platform-admin");
    }

    @Test
    void iam_callers_and_api_gateways_jwt_authorizer_exclude_each_other() {
        assertThatThrownBy(() -> parse("""
                security:
                  iam: {principals: []}
                aws:
                  jwt: {issuer: "https://auth.example.com/", audience: jetway}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("security.iam")
                .hasMessageContaining("cannot be combined with aws.jwt");
    }
}
