package dev.jetway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.mcp.HttpHeaders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway as an OAuth 2.1 resource server: tokens signed by keys generated here, keys served
 * by a real JWKS endpoint on a loopback port, requests through the security edge.
 */
class OAuthResourceServerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String METADATA_URL = "https://mcp.example.test/.well-known/oauth-protected-resource/mcp";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final RSAKey rsa = Tokens.rsa("rsa-1");
    private final ECKey ec = Tokens.ec("ec-1");
    private final List<Caller> reachedFrontDoor = new ArrayList<>();
    private final List<FrontDoorRequest> forwarded = new ArrayList<>();
    private JwksServer jwks;
    private SecuredEndpoint edge;

    @BeforeEach
    void start() throws Exception {
        jwks = new JwksServer();
        jwks.publish(rsa, ec);
        edge = edgeWith(settings());
    }

    @AfterEach
    void stop() {
        jwks.close();
    }

    private OAuthSettings settings() {
        return OAuthSettings.of(URI.create(Tokens.RESOURCE), Tokens.ISSUER, jwks.uri());
    }

    private SecuredEndpoint edgeWith(OAuthSettings settings) {
        return new SecuredEndpoint((request, caller) -> {
            reachedFrontDoor.add(caller);
            forwarded.add(request);
            return new FrontDoorResponse.Complete(200, Map.of(), new byte[0]);
        }, new JwtAuthenticator(settings, clock), new ProtectedResourceMetadata(settings));
    }

    private FrontDoorResponse.Complete post(String token) {
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json"));
        if (token != null) headers.addAll(List.of("Authorization", "Bearer " + token));
        return (FrontDoorResponse.Complete) edge.handle(new FrontDoorRequest("POST", "/mcp",
                HttpHeaders.of(headers.toArray(String[]::new)), "{}".getBytes(StandardCharsets.UTF_8)));
    }

    private void assertInvalidToken(String token, String why) {
        FrontDoorResponse.Complete response = post(token);
        assertThat(response.status()).as(why + ": answered 401").isEqualTo(401);
        assertThat(response.headers().get("WWW-Authenticate")).as(why + ": challenge")
                .startsWith("Bearer resource_metadata=\"" + METADATA_URL + "\"")
                .contains("error=\"invalid_token\"");
        assertThat(reachedFrontDoor).as(why + ": never reaches the front door").isEmpty();
    }

    @Test
    void a_token_from_the_issuer_for_this_gateway_reaches_the_front_door_with_its_caller() {
        FrontDoorResponse.Complete response = post(Tokens.sign(rsa, Tokens.claims(NOW).build()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(reachedFrontDoor).containsExactly(new Caller("jwt:alice", Set.of("reader"), Set.of("mcp:tools", "mcp:read")));
    }

    @Test
    void an_ec_signed_token_is_accepted_too() {
        assertThat(post(Tokens.sign(ec, Tokens.claims(NOW).build())).status()).isEqualTo(200);
    }

    @Test
    void the_clients_token_is_removed_before_the_front_door_so_it_can_never_go_upstream() {
        post(Tokens.sign(rsa, Tokens.claims(NOW).build()));

        assertThat(forwarded.get(0).headers().first("Authorization")).isEmpty();
        assertThat(forwarded.get(0).headers().first("Content-Type")).contains("application/json");
    }

    @Test
    void a_request_without_a_token_gets_401_pointing_at_the_metadata_without_an_error_code() {
        FrontDoorResponse.Complete response = post(null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().get("WWW-Authenticate"))
                .as("RFC 6750 3.1: no error code when the request had no credentials")
                .isEqualTo("Bearer resource_metadata=\"" + METADATA_URL + "\"");
        assertThat(Json.parse(response.bodyText()).path("error").path("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void a_token_from_another_issuer_is_refused() {
        assertInvalidToken(Tokens.sign(rsa, Tokens.claims(NOW).issuer("https://evil.example.test/").build()), "wrong issuer");
    }

    @Test
    void a_token_for_another_resource_is_refused() {
        assertInvalidToken(Tokens.sign(rsa, Tokens.claims(NOW).audience("https://other.example.test/mcp").build()),
                "wrong audience (RFC 8707: a token for another server must not work here)");
    }

    @Test
    void a_token_without_an_audience_is_refused() {
        assertInvalidToken(Tokens.sign(rsa, Tokens.claims(NOW).audience((String) null).build()), "no audience");
    }

    @Test
    void an_expired_token_is_refused() {
        assertInvalidToken(Tokens.sign(rsa, Tokens.claims(NOW.minusSeconds(600))
                .expirationTime(Date.from(NOW.minusSeconds(61))).build()), "expired beyond the 60 s skew");
    }

    @Test
    void a_token_that_expired_within_the_stated_60_second_skew_is_still_accepted() {
        FrontDoorResponse.Complete response = post(Tokens.sign(rsa, Tokens.claims(NOW.minusSeconds(600))
                .expirationTime(Date.from(NOW.minusSeconds(30))).build()));

        assertThat(response.status()).as("clocks 30 s apart must not lock callers out").isEqualTo(200);
    }

    @Test
    void a_token_that_is_not_yet_valid_is_refused() {
        assertInvalidToken(Tokens.sign(rsa, Tokens.claims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(120))).build()),
                "nbf two minutes ahead");
    }

    @Test
    void a_token_without_expiry_is_refused() {
        assertInvalidToken(Tokens.sign(rsa, Tokens.claims(NOW).expirationTime(null).build()), "no exp");
    }

    @Test
    void a_token_with_a_tampered_payload_fails_its_signature() {
        String good = Tokens.sign(rsa, Tokens.claims(NOW).build());
        String[] parts = good.split("\\.");
        String otherPayload = Tokens.sign(rsa, Tokens.claims(NOW).subject("mallory").build()).split("\\.")[1];

        assertInvalidToken(parts[0] + "." + otherPayload + "." + parts[2], "payload swapped under a valid signature");
    }

    @Test
    void a_token_signed_by_a_key_the_issuer_does_not_publish_is_refused() {
        RSAKey impostor = Tokens.rsa("rsa-1");

        assertInvalidToken(Tokens.sign(impostor, Tokens.claims(NOW).build()), "same kid, other key");
    }

    @Test
    void an_unsigned_token_with_alg_none_is_refused() {
        String none = new PlainJWT(new PlainHeader(), Tokens.claims(NOW).build()).serialize();

        assertInvalidToken(none, "alg none");
    }

    @Test
    void an_hs256_token_signed_with_the_public_key_as_secret_is_refused() throws JOSEException {
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
                Tokens.claims(NOW).build());
        forged.sign(new MACSigner(rsa.toPublicKey().getEncoded()));

        assertInvalidToken(forged.serialize(), "algorithm confusion: HMAC keyed with the RSA public key");
    }

    @Test
    void a_token_in_an_algorithm_outside_the_configured_list_is_refused() {
        edge = edgeWith(settings().withAlgorithms(Set.of("RS256")));

        assertInvalidToken(Tokens.sign(ec, Tokens.claims(NOW).build()), "ES256 when only RS256 is configured");
    }

    @Test
    void configuring_an_hmac_or_none_algorithm_is_refused_with_the_reason() {
        for (String alg : List.of("HS256", "none")) {
            try {
                settings().withAlgorithms(Set.of(alg));
                throw new AssertionError(alg + " was accepted");
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).contains(alg).contains("asymmetric");
            }
        }
    }

    @Test
    void garbage_and_oversized_tokens_are_refused_as_invalid_tokens() {
        assertInvalidToken("not-a-jwt", "garbage");
        assertInvalidToken("a".repeat(JwtAuthenticator.MAX_TOKEN_CHARS + 1), "oversized");
    }

    @Test
    void a_token_with_an_unknown_kid_is_refused_and_made_up_kids_cost_at_most_one_fetch_per_interval() {
        post(Tokens.sign(rsa, Tokens.claims(NOW).build()));
        int afterFirst = jwks.fetches.get();
        reachedFrontDoor.clear();

        RSAKey unused = Tokens.rsa("unused");
        for (int i = 0; i < 20; i++) {
            RSAKey unpublished = new RSAKey.Builder(unused).keyID("made-up-" + i).build();
            assertInvalidToken(Tokens.sign(unpublished, Tokens.claims(NOW).build()), "unknown kid " + i);
        }

        assertThat(afterFirst).isEqualTo(1);
        assertThat(jwks.fetches.get()).as("20 unknown kids within the 30 s refetch interval").isLessThanOrEqualTo(2);
    }

    @Test
    void after_key_rotation_a_token_with_the_new_kid_is_accepted_without_a_restart() {
        assertThat(post(Tokens.sign(rsa, Tokens.claims(NOW).build())).status()).isEqualTo(200);
        RSAKey rotated = Tokens.rsa("rsa-2");
        jwks.publish(rotated, ec);

        FrontDoorResponse.Complete response = post(Tokens.sign(rotated, Tokens.claims(NOW).build()));

        assertThat(response.status()).as("the unknown kid triggers a JWKS fetch that finds the new key").isEqualTo(200);
        assertThat(jwks.fetches.get()).isEqualTo(2);
    }

    @Test
    void a_valid_token_without_the_required_scope_gets_403_insufficient_scope_naming_the_scope() {
        edge = edgeWith(settings().withRequiredScopes(List.of("mcp:tools", "mcp:admin")));

        FrontDoorResponse.Complete response = post(Tokens.sign(rsa, Tokens.claims(NOW).build()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers().get("WWW-Authenticate"))
                .startsWith("Bearer resource_metadata=\"" + METADATA_URL + "\"")
                .contains("error=\"insufficient_scope\"")
                .contains("scope=\"mcp:tools mcp:admin\"");
        assertThat(reachedFrontDoor).isEmpty();
    }

    @Test
    void the_metadata_document_is_served_at_the_path_suffixed_and_the_root_well_known_urls_without_a_token() {
        edge = edgeWith(settings().withRequiredScopes(List.of("mcp:tools")));
        for (String path : List.of("/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource")) {
            FrontDoorResponse.Complete response = (FrontDoorResponse.Complete) edge.handle(
                    new FrontDoorRequest("GET", path, HttpHeaders.of(), null));

            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.headers().get("Content-Type")).isEqualTo("application/json");
            JsonNode doc = Json.parse(response.bodyText());
            assertThat(doc.path("resource").asText()).as("RFC 9728 3.3: exactly the URL clients use").isEqualTo(Tokens.RESOURCE);
            assertThat(doc.path("authorization_servers").get(0).asText()).isEqualTo(Tokens.ISSUER);
            assertThat(doc.path("bearer_methods_supported").toString()).isEqualTo("[\"header\"]");
            assertThat(doc.path("scopes_supported").toString()).isEqualTo("[\"mcp:tools\"]");
            assertThat(doc.path("resource_signing_alg_values_supported").toString()).isEqualTo("[\"ES256\",\"RS256\"]");
        }
    }

    @Test
    void the_metadata_url_of_a_resource_at_the_root_has_no_path_suffix() {
        OAuthSettings root = OAuthSettings.of(URI.create("https://mcp.example.test"), Tokens.ISSUER, jwks.uri());

        assertThat(new ProtectedResourceMetadata(root).url()).isEqualTo("https://mcp.example.test/.well-known/oauth-protected-resource");
    }

    @Test
    void a_jwks_uri_over_plain_http_to_a_remote_host_is_refused_at_configuration() {
        try {
            OAuthSettings.of(URI.create(Tokens.RESOURCE), Tokens.ISSUER, URI.create("http://auth.example.test/jwks"));
            throw new AssertionError("accepted");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("https");
        }
    }
}
