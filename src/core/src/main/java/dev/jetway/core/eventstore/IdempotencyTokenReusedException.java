package dev.jetway.core.eventstore;

/** The idempotency token of an append was already used for a different append. */
public final class IdempotencyTokenReusedException extends RuntimeException {
    public IdempotencyTokenReusedException(String streamId, String token, String detail) {
        super("idempotency token '" + token + "' on stream '" + streamId + "' was already used for another append: "
                + detail + "; use a new token for a new append");
    }
}
