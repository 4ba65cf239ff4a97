package dev.jetway.core.eventstore;

/** Appends events with an optimistic-concurrency check; all events of one request or none. */
public interface AppendToEventStream {

    /**
     * @throws WrongExpectedVersionException when the stream is not at the expected version (and the
     *     request is not a retry of a stored append with the same idempotency token)
     * @throws IdempotencyTokenReusedException when the token was used for a different append
     */
    AppendResult append(AppendRequest request);
}
