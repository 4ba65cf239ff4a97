package dev.jetway.core.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/** A live MCP session with one provider, past its initialize handshake. */
public interface UpstreamSession extends AutoCloseable {

    /**
     * Sends a request and waits for its result.
     *
     * @param listener gets the notifications and server-to-client requests that belong to this
     *     request (its progress, and whatever the provider sends while it runs)
     * @return the JSON-RPC {@code result} object exactly as the provider sent it
     * @throws UpstreamErrorException the provider answered with a JSON-RPC error
     * @throws ProviderUnavailableException the provider could not be reached or did not answer in time
     */
    ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout);

    /**
     * As {@link #request(String, ObjectNode, UpstreamListener, Duration)}, and when
     * {@code cancellation} fires, tells the provider ({@code notifications/cancelled} with the
     * upstream request id) and stops waiting. Sessions that cannot cancel ignore it.
     *
     * @throws RequestCancelledException when the cancellation fired before the provider answered
     */
    default ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout,
                               Cancellation cancellation) {
        return request(method, params, listener, timeout);
    }

    /** Sends a notification; failures are the provider's problem and are not reported. */
    void notify(String method, ObjectNode params);

    /** The provider's answer to {@code initialize}: capabilities, serverInfo, instructions. */
    ObjectNode initializeResult();

    boolean isOpen();

    @Override
    void close();
}
