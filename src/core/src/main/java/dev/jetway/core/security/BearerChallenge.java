package dev.jetway.core.security;

import java.util.List;

/**
 * The {@code WWW-Authenticate: Bearer …} header of a 401 or 403 (RFC 6750 section 3), always with
 * {@code resource_metadata} (RFC 9728 section 5.1) so that a client can find the authorization server.
 */
public final class BearerChallenge {

    private BearerChallenge() {}

    /** A 401 challenge; {@code error} is null when the request carried no credentials. */
    public static String unauthorized(String metadataUrl, String error, String description) {
        StringBuilder header = new StringBuilder("Bearer resource_metadata=").append(quoted(metadataUrl));
        if (error != null) {
            header.append(", error=").append(quoted(error));
            if (description != null) header.append(", error_description=").append(quoted(description));
        }
        return header.toString();
    }

    /** A 403 challenge naming every scope the request needs. */
    public static String insufficientScope(String metadataUrl, List<String> scopes, String description) {
        return "Bearer resource_metadata=" + quoted(metadataUrl) + ", error=\"insufficient_scope\", scope="
                + quoted(String.join(" ", scopes)) + ", error_description=" + quoted(description);
    }

    /** An RFC 7230 quoted-string; RFC 6750 limits error_description to printable ASCII without '"' and '\'. */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') out.append(c);
            else out.append(c == '"' ? '\'' : ' ');
        }
        return out.append('"').toString();
    }
}
