package dev.jetway.core.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import java.net.URI;
import java.util.List;

/**
 * RFC 9728 protected resource metadata for this gateway. The document is served at the
 * path-suffixed well-known URL ({@code /.well-known/oauth-protected-resource/mcp} for a resource
 * {@code https://host/mcp}, RFC 9728 section 3.1) and, for clients that try the root first, at
 * {@code /.well-known/oauth-protected-resource}. Its {@code resource} is exactly the URL clients
 * use, as section 3.3 requires clients to check.
 */
public final class ProtectedResourceMetadata {

    public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    private final OAuthSettings settings;

    public ProtectedResourceMetadata(OAuthSettings settings) {
        this.settings = settings;
    }

    /** The absolute URL a 401 points clients to ({@code resource_metadata} in the challenge). */
    public String url() {
        URI resource = settings.resource();
        String path = resource.getRawPath() == null || resource.getRawPath().equals("/") ? "" : resource.getRawPath();
        return resource.getScheme() + "://" + resource.getRawAuthority() + WELL_KNOWN + path;
    }

    /** Whether a request path (query ignored) names this document. */
    public boolean isServedAt(String requestPath) {
        int q = requestPath.indexOf('?');
        String path = q < 0 ? requestPath : requestPath.substring(0, q);
        return path.equals(WELL_KNOWN) || path.equals(URI.create(url()).getRawPath());
    }

    public ObjectNode document() {
        ObjectNode doc = Json.object().put("resource", settings.resource().toString());
        settings.authorizationServers().forEach(doc.withArray("authorization_servers")::add);
        doc.withArray("bearer_methods_supported").add("header");
        settings.algorithms().stream().sorted().forEach(doc.withArray("resource_signing_alg_values_supported")::add);
        if (!settings.requiredScopes().isEmpty()) settings.requiredScopes().forEach(doc.withArray("scopes_supported")::add);
        doc.put("resource_name", "Jetway MCP gateway");
        return doc;
    }

    List<String> requiredScopes() {
        return settings.requiredScopes();
    }
}
