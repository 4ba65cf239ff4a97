package dev.jetway.core.mcp;

import java.util.Objects;

/** One HTTP request as the front door sees it, whatever server or event carried it. */
public record FrontDoorRequest(String method, String path, HttpHeaders headers, byte[] body) {
    public FrontDoorRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }
}
