package dev.jetway.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.mcp.HttpHeaders;
import dev.jetway.core.security.AuthorizerClaims;
import dev.jetway.core.security.IamPrincipal;
import dev.jetway.core.security.VerifiedIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates between API Gateway HTTP API payload v2 and the front door's transport-agnostic
 * request and response. API Gateway joins repeated headers with commas and moves cookies out of
 * the headers into their own list; a named stage appears as the first segment of rawPath.
 */
final class HttpApiMapping {

    private HttpApiMapping() {}

    /** @throws IllegalArgumentException when the event is not a payload v2 HTTP event */
    static FrontDoorRequest toRequest(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context == null || context.getHttp() == null || context.getHttp().getMethod() == null) {
            throw new IllegalArgumentException("the event has no requestContext.http.method: "
                    + "the function expects API Gateway HTTP API events with payload format version 2.0");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) event.getHeaders().forEach((name, value) -> headers.put(name, List.of(value)));
        if (event.getCookies() != null && !event.getCookies().isEmpty()) {
            headers.put("cookie", List.of(String.join("; ", event.getCookies())));
        }
        String path = withoutStage(event.getRawPath() == null ? context.getHttp().getPath() : event.getRawPath(),
                context.getStage());
        String query = event.getRawQueryString();
        if (query != null && !query.isEmpty()) path += "?" + query;
        byte[] body = event.getBody() == null ? new byte[0]
                : event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
        return new FrontDoorRequest(context.getHttp().getMethod(), path, new HttpHeaders(headers), body);
    }

    /**
     * The identity API Gateway's authorizer verified, or null when the route has neither the IAM
     * nor the JWT authorizer: the signer from {@code requestContext.authorizer.iam}, or the token's
     * {@code sub} and scopes from {@code requestContext.authorizer.jwt}. Only API Gateway writes the
     * request context; a client's headers never reach it.
     */
    static VerifiedIdentity verifiedIdentity(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null) return null;
        APIGatewayV2HTTPEvent.RequestContext.IAM iam = context.getAuthorizer().getIam();
        if (iam != null && iam.getUserArn() != null && iam.getUserArn().startsWith("arn:")) {
            return new IamPrincipal(iam.getUserArn(), iam.getAccountId());
        }
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = context.getAuthorizer().getJwt();
        if (jwt == null || jwt.getClaims() == null) return null;
        String subject = jwt.getClaims().get("sub");
        if (subject == null || subject.isBlank()) return null;
        Set<String> scopes = new LinkedHashSet<>();
        if (jwt.getScopes() != null) scopes.addAll(jwt.getScopes());
        String scope = jwt.getClaims().get("scope");
        if (scope != null) scopes.addAll(Arrays.asList(scope.trim().split("\\s+")));
        scopes.remove("");
        return new AuthorizerClaims(subject, scopes);
    }

    /** The whole response; an event stream is run to its end and sent as one body. */
    static APIGatewayV2HTTPResponse toResponse(FrontDoorResponse response) {
        byte[] body = switch (response) {
            case FrontDoorResponse.Complete complete -> complete.body();
            case FrontDoorResponse.EventStream stream -> {
                BufferedEventStream buffer = new BufferedEventStream();
                try {
                    stream.body().writeTo(buffer);
                } catch (IOException e) {
                    throw new UncheckedIOException("writing into a buffer cannot fail", e);
                }
                yield buffer.bytes();
            }
        };
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        List<String> cookies = new ArrayList<>();
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Set-Cookie") && cookies.add(response.headers().get(name)));
        APIGatewayV2HTTPResponse out = new APIGatewayV2HTTPResponse();
        out.setStatusCode(response.status());
        out.setHeaders(headers);
        if (!cookies.isEmpty()) out.setCookies(cookies);
        String text = utf8(body);
        out.setIsBase64Encoded(text == null);
        out.setBody(text == null ? Base64.getEncoder().encodeToString(body) : text);
        return out;
    }

    private static String withoutStage(String rawPath, String stage) {
        if (rawPath == null || rawPath.isEmpty()) return "/";
        if (stage == null || stage.isEmpty() || stage.equals("$default")) return rawPath;
        String prefix = "/" + stage;
        if (rawPath.equals(prefix)) return "/";
        return rawPath.startsWith(prefix + "/") ? rawPath.substring(prefix.length()) : rawPath;
    }

    /** The body as text when it is valid UTF-8, else null (sent base64-encoded). */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
