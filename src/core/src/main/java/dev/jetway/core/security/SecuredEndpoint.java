package dev.jetway.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.mcp.HttpHeaders;
import dev.jetway.core.mcp.JsonRpc;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The security edge in front of the front door, the same for every runtime (local HTTP server,
 * Lambda), in this order: the RFC 9728 metadata document; authentication (401 / 403 with a
 * {@code Bearer} challenge; or, with {@code security.iam}, the AWS identity API Gateway verified); the caller's rate limit (429); JSON nesting depth and batch size
 * (400); the rate limit of each provider the request will reach (429). Only then does the request
 * reach the front door, without the client's credentials, so they can never be forwarded to a
 * provider. Error bodies coming back are redacted.
 */
public final class SecuredEndpoint {

    /** JSON-RPC error code of a request refused by a rate limit (implementation-defined range). */
    public static final int RATE_LIMITED = -32029;

    /**
     * The parts of the edge; any may be null (not configured) except {@code json} and {@code redactor}.
     * With {@code iam}, callers are the identities API Gateway verified and {@code authenticator} is null.
     */
    public record Parts(Authenticator authenticator, ProtectedResourceMetadata metadata, RateLimiter perCaller,
                        RateLimiter perProvider, Function<JsonNode, Optional<String>> providerOf, JsonLimits json,
                        long maxBodyBytes, Redactor redactor, IamSettings iam) {}

    /** Headers that carry a client credential: a bearer token or SigV4 signature, cookies, an STS session token. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie",
            "x-amz-security-token");

    private final CallerAwareEndpoint inner;
    private final Parts parts;

    public SecuredEndpoint(CallerAwareEndpoint inner, Parts parts) {
        this.inner = inner;
        this.parts = parts;
    }

    /** Authentication only (no limits beyond the default JSON shape, no redaction patterns beyond the built-in). */
    public SecuredEndpoint(CallerAwareEndpoint inner, Authenticator authenticator, ProtectedResourceMetadata metadata) {
        this(inner, new Parts(authenticator, metadata, null, null, m -> Optional.empty(), JsonLimits.DEFAULTS,
                Long.MAX_VALUE, new Redactor(List.of()), null));
    }

    /** The edge a configuration asks for. */
    public static SecuredEndpoint forConfig(GatewayConfig config, Clock clock, CallerAwareEndpoint inner) {
        SecuritySettings security = config.security();
        JwtAuthenticator jwt = security.oauth() == null ? null : new JwtAuthenticator(security.oauth(), clock);
        ApiKeyAuthenticator keys = security.apiKeys().isEmpty() ? null : new ApiKeyAuthenticator(security.apiKeys());
        ProviderOfRequest providers = new ProviderOfRequest(config);
        return new SecuredEndpoint(inner, new Parts(
                jwt != null || keys != null ? new EdgeAuthenticator(jwt, keys) : null,
                security.oauth() == null ? null : new ProtectedResourceMetadata(security.oauth()),
                security.perCaller() == null ? null : new RateLimiter(security.perCaller(), clock),
                security.perProvider() == null ? null : new RateLimiter(security.perProvider(), clock),
                providers::of, security.json(), config.settings().maxBodyBytes(), Redactor.forConfig(config),
                security.iam()));
    }

    /** A request that came with no identity verified in front of the gateway (every local request). */
    public FrontDoorResponse handle(FrontDoorRequest request) {
        return handle(request, null);
    }

    /**
     * @param verified the identity API Gateway's authorizer verified, or null. With {@code security.iam}
     *     the caller is the IAM identity and nothing else; otherwise the gateway's own bearer
     *     authentication wins when configured, then the JWT authorizer's claims, then anonymous.
     */
    public FrontDoorResponse handle(FrontDoorRequest request, VerifiedIdentity verified) {
        return redacted(screen(request, verified));
    }

    private FrontDoorResponse screen(FrontDoorRequest request, VerifiedIdentity verified) {
        if (parts.metadata() != null && parts.metadata().isServedAt(request.path())) return metadataDocument(request);
        Caller caller;
        try {
            caller = caller(request, verified);
        } catch (AuthenticationException e) {
            return unauthorized(e);
        } catch (InsufficientScopeException e) {
            return forbidden(e);
        }
        if (parts.perCaller() != null) {
            Optional<Duration> wait = parts.perCaller().acquire(caller.subject());
            if (wait.isPresent()) return tooManyRequests(wait.get(), "this caller's rate limit is exhausted", null);
        }
        if (request.method().equals("POST") && request.body().length <= parts.maxBodyBytes()) {
            Optional<FrontDoorResponse> refused = screenBody(request.body());
            if (refused.isPresent()) return refused.get();
        }
        return inner.handle(withoutCredentials(request), caller);
    }

    private Optional<FrontDoorResponse> screenBody(byte[] body) {
        Optional<String> shape = JsonShape.violation(body, parts.json());
        if (shape.isPresent()) {
            return Optional.of(json(400, Map.of(), JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "invalid request: " + shape.get())));
        }
        if (parts.perProvider() == null) return Optional.empty();
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            return Optional.empty();
        }
        List<JsonNode> messages = new ArrayList<>();
        if (parsed instanceof ArrayNode batch) batch.forEach(messages::add);
        else if (parsed != null) messages.add(parsed);
        for (JsonNode message : messages) {
            Optional<String> provider = parts.providerOf().apply(message);
            if (provider.isEmpty()) continue;
            Optional<Duration> wait = parts.perProvider().acquire(provider.get());
            if (wait.isPresent()) {
                JsonNode id = message.get("id");
                return Optional.of(tooManyRequests(wait.get(), "provider '" + provider.get() + "' is at its rate limit",
                        id != null && (id.isTextual() || id.isNumber()) ? id : null));
            }
        }
        return Optional.empty();
    }

    private Caller caller(FrontDoorRequest request, VerifiedIdentity verified) {
        if (parts.iam() != null) return iamCaller(verified);
        if (parts.authenticator() != null) return authenticate(request.headers());
        return verified instanceof AuthorizerClaims claims ? claims.caller() : Caller.ANONYMOUS;
    }

    private Caller iamCaller(VerifiedIdentity verified) {
        if (!(verified instanceof IamPrincipal principal)) {
            throw new AuthenticationException(null, "this gateway accepts only AWS SigV4-signed requests through its "
                    + "IAM-authorized API Gateway route (service execute-api), and this request arrived without an "
                    + "IAM identity");
        }
        return parts.iam().caller(principal);
    }

    private Caller authenticate(HttpHeaders headers) {
        List<String> values = headers.values().getOrDefault("authorization", List.of());
        if (values.isEmpty()) throw AuthenticationException.missing();
        if (values.size() > 1) {
            throw new AuthenticationException(AuthenticationException.INVALID_REQUEST, "more than one Authorization header");
        }
        String value = values.get(0).trim();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthenticationException(null, "only Bearer tokens are accepted (Authorization: Bearer <token>)");
        }
        if (value.substring(7).isBlank()) {
            throw new AuthenticationException(AuthenticationException.INVALID_REQUEST, "the Bearer token is empty");
        }
        return parts.authenticator().authenticate(value.substring(7).trim());
    }

    private FrontDoorResponse metadataDocument(FrontDoorRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return new FrontDoorResponse.Complete(405, Map.of("Allow", "GET"), new byte[0]);
        }
        return new FrontDoorResponse.Complete(200, Map.of("Content-Type", "application/json",
                "Cache-Control", "public, max-age=300"), bytes(Json.write(parts.metadata().document())));
    }

    private FrontDoorResponse unauthorized(AuthenticationException e) {
        String error = e.bearerError();
        if (parts.iam() != null) {
            return json(401, Map.of(), JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "unauthorized: " + e.getMessage()));
        }
        String challenge = parts.metadata() != null
                ? BearerChallenge.unauthorized(parts.metadata().url(), error, e.getMessage())
                : error == null ? "Bearer" : "Bearer error=" + BearerChallenge.quoted(error);
        int status = AuthenticationException.INVALID_REQUEST.equals(error) ? 400 : 401;
        return json(status, Map.of("WWW-Authenticate", challenge),
                JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "unauthorized: " + e.getMessage()));
    }

    private FrontDoorResponse forbidden(InsufficientScopeException e) {
        String url = parts.metadata() == null ? "" : parts.metadata().url();
        return json(403, Map.of("WWW-Authenticate", BearerChallenge.insufficientScope(url, e.requiredScopes(), e.getMessage())),
                JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "forbidden: " + e.getMessage()));
    }

    private static FrontDoorResponse tooManyRequests(Duration wait, String why, JsonNode id) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ObjectNode data = Json.object().put("retryAfterSeconds", seconds);
        return json(429, Map.of("Retry-After", Long.toString(seconds)),
                JsonRpc.error(id, RATE_LIMITED, "rate limited: " + why + "; retry after " + seconds + " s", data));
    }

    /** The client's credentials stop here: nothing behind the edge can pass them upstream. */
    private static FrontDoorRequest withoutCredentials(FrontDoorRequest request) {
        Map<String, List<String>> kept = new LinkedHashMap<>(request.headers().values());
        kept.keySet().removeIf(name -> CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT)));
        if (kept.size() == request.headers().values().size()) return request;
        return new FrontDoorRequest(request.method(), request.path(), new HttpHeaders(kept), request.body());
    }

    /**
     * Error bodies and error events can quote upstream output; they leave redacted. A rejection in
     * plain text (wrong Host, path or method) becomes a JSON-RPC error too, so that a client can
     * handle every refusal of this endpoint the same way.
     */
    private FrontDoorResponse redacted(FrontDoorResponse response) {
        Redactor redactor = parts.redactor();
        if (response instanceof FrontDoorResponse.Complete c && c.status() >= 400
                && !c.headers().getOrDefault("Content-Type", "").startsWith("application/json")) {
            Map<String, String> headers = new LinkedHashMap<>(c.headers());
            headers.put("Content-Type", "application/json");
            String text = c.body().length == 0 ? "HTTP " + c.status() : c.bodyText();
            int code = c.status() == 404 ? JsonRpc.METHOD_NOT_FOUND : JsonRpc.INVALID_REQUEST;
            return new FrontDoorResponse.Complete(c.status(), headers,
                    bytes(Json.write(JsonRpc.error(null, code, redactor.redact(text)))));
        }
        return switch (response) {
            case FrontDoorResponse.Complete c when c.status() >= 400 || mayCarryError(c.bodyText()) ->
                    new FrontDoorResponse.Complete(c.status(), c.headers(), bytes(redactor.redactJson(c.bodyText())));
            case FrontDoorResponse.Complete c -> c;
            case FrontDoorResponse.EventStream s -> new FrontDoorResponse.EventStream(s.status(), s.headers(),
                    sink -> s.body().writeTo(new RedactingSseWriter(sink, redactor)));
        };
    }

    static boolean mayCarryError(String json) {
        return json.contains("\"error\"") || json.contains("\"isError\"");
    }

    private static FrontDoorResponse json(int status, Map<String, String> extraHeaders, ObjectNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.putAll(extraHeaders);
        return new FrontDoorResponse.Complete(status, headers, bytes(Json.write(body)));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
