package dev.jetway.core.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.mcp.HttpHeaders;
import dev.jetway.core.mcp.JsonRpc;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The security edge in front of the front door, for every runtime (local HTTP server, Lambda):
 * serves the RFC 9728 metadata, authenticates the caller (401 / 403 with a {@code Bearer}
 * challenge), and removes the client's credentials before the request goes further, so that they
 * can never be forwarded to a provider.
 */
public final class SecuredEndpoint {

    private final CallerAwareEndpoint inner;
    private final Authenticator authenticator;
    private final ProtectedResourceMetadata metadata;

    /**
     * @param authenticator null when the gateway authenticates nobody (every caller is
     *     {@link Caller#ANONYMOUS})
     * @param metadata null when OAuth is not configured (then 401s carry no metadata URL)
     */
    public SecuredEndpoint(CallerAwareEndpoint inner, Authenticator authenticator, ProtectedResourceMetadata metadata) {
        this.inner = inner;
        this.authenticator = authenticator;
        this.metadata = metadata;
    }

    public FrontDoorResponse handle(FrontDoorRequest request) {
        if (metadata != null && metadata.isServedAt(request.path())) return metadataDocument(request);
        Caller caller;
        try {
            caller = authenticate(request.headers());
        } catch (AuthenticationException e) {
            return unauthorized(e);
        } catch (InsufficientScopeException e) {
            return forbidden(e);
        }
        return inner.handle(withoutCredentials(request), caller);
    }

    private Caller authenticate(HttpHeaders headers) {
        if (authenticator == null) return Caller.ANONYMOUS;
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
        return authenticator.authenticate(value.substring(7).trim());
    }

    private FrontDoorResponse metadataDocument(FrontDoorRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return new FrontDoorResponse.Complete(405, Map.of("Allow", "GET"), new byte[0]);
        }
        return new FrontDoorResponse.Complete(200, Map.of("Content-Type", "application/json",
                "Cache-Control", "public, max-age=300"), bytes(Json.write(metadata.document())));
    }

    private FrontDoorResponse unauthorized(AuthenticationException e) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        String error = e.bearerError();
        if (metadata != null) {
            headers.put("WWW-Authenticate", BearerChallenge.unauthorized(metadata.url(), error, e.getMessage()));
        } else {
            headers.put("WWW-Authenticate", error == null ? "Bearer" : "Bearer error=" + BearerChallenge.quoted(error));
        }
        int status = AuthenticationException.INVALID_REQUEST.equals(error) ? 400 : 401;
        ObjectNode body = JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "unauthorized: " + e.getMessage());
        return new FrontDoorResponse.Complete(status, headers, bytes(Json.write(body)));
    }

    private FrontDoorResponse forbidden(InsufficientScopeException e) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        String url = metadata == null ? "" : metadata.url();
        headers.put("WWW-Authenticate", BearerChallenge.insufficientScope(url, e.requiredScopes(), e.getMessage()));
        ObjectNode body = JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "forbidden: " + e.getMessage());
        return new FrontDoorResponse.Complete(403, headers, bytes(Json.write(body)));
    }

    /** The client's credentials stop here: nothing behind the edge can pass them upstream. */
    private static FrontDoorRequest withoutCredentials(FrontDoorRequest request) {
        Map<String, List<String>> kept = new LinkedHashMap<>(request.headers().values());
        kept.keySet().removeIf(name -> name.toLowerCase(Locale.ROOT).equals("authorization")
                || name.toLowerCase(Locale.ROOT).equals("cookie"));
        if (kept.size() == request.headers().values().size()) return request;
        return new FrontDoorRequest(request.method(), request.path(), new HttpHeaders(kept), request.body());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Optional<String> header(FrontDoorRequest request, String name) {
        return request.headers().first(name);
    }
}
