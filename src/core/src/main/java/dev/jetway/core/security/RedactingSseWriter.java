package dev.jetway.core.security;

import dev.jetway.core.mcp.SseWriter;
import java.io.IOException;

/**
 * An event-stream sink that redacts events carrying an error before they reach the client. It must
 * override every method of {@link SseWriter} and delegate it, so the front door sees the real sink's
 * properties through it.
 */
final class RedactingSseWriter implements SseWriter {

    private final SseWriter inner;
    private final Redactor redactor;

    RedactingSseWriter(SseWriter inner, Redactor redactor) {
        this.inner = inner;
        this.redactor = redactor;
    }

    @Override
    public void send(String json) throws IOException {
        inner.send(SecuredEndpoint.mayCarryError(json) ? redactor.redactJson(json) : json);
    }

    @Override
    public boolean isLive() {
        return inner.isLive();
    }
}
