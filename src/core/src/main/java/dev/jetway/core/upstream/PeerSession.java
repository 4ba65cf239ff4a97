package dev.jetway.core.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * An {@link UpstreamSession} over a {@link JsonRpcPeer}: runs the initialize handshake on
 * {@link #open} and releases the transport (a child process, a socket) on close.
 */
public final class PeerSession implements UpstreamSession {

    private final JsonRpcPeer peer;
    private final Runnable release;
    private final ObjectNode initializeResult;

    private PeerSession(JsonRpcPeer peer, Runnable release, ObjectNode initializeResult) {
        this.peer = peer;
        this.release = release;
        this.initializeResult = initializeResult;
    }

    /** Initializes the session; on failure the transport is released before the exception leaves. */
    public static PeerSession open(JsonRpcPeer peer, Runnable release, Duration timeout) {
        try {
            ObjectNode result = peer.request("initialize", McpClientHandshake.initializeParams(),
                    UpstreamListener.NONE, timeout);
            peer.notify("notifications/initialized", null);
            return new PeerSession(peer, release, result);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    @Override
    public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout) {
        return peer.request(method, params, listener, timeout);
    }

    @Override
    public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout,
                              Cancellation cancellation) {
        return peer.request(method, params, listener, timeout, cancellation);
    }

    @Override
    public void notify(String method, ObjectNode params) {
        peer.notify(method, params);
    }

    @Override
    public ObjectNode initializeResult() {
        return initializeResult.deepCopy();
    }

    @Override
    public boolean isOpen() {
        return peer.isOpen();
    }

    @Override
    public void close() {
        peer.closed("the gateway closed the session");
        release.run();
    }
}
