package dev.jetway.core.eventstore;

import java.util.List;
import java.util.Objects;

/**
 * What an append that found the stream at another version means: a retry of an append that
 * already succeeded (same idempotency token on the events right after the expected version), or a
 * lost race. Shared by every store so that they agree on the rule.
 */
public final class IdempotentRetry {

    private IdempotentRetry() {}

    /**
     * @param head the stream's actual last version
     * @param tokensAfterExpected the idempotency tokens stored on the events from
     *     {@code expectedVersion + 1} on, in order (null for events stored without one)
     * @return the original result when the request is a retry
     * @throws WrongExpectedVersionException when it is not
     * @throws IdempotencyTokenReusedException when the token was used for an append of another size
     */
    public static AppendResult resolve(AppendRequest request, long head, List<String> tokensAfterExpected) {
        String token = request.idempotencyToken();
        if (token == null || tokensAfterExpected.isEmpty() || !token.equals(tokensAfterExpected.get(0))) {
            throw new WrongExpectedVersionException(request.streamId(), request.expectedVersion(), head);
        }
        long stored = tokensAfterExpected.stream().takeWhile(t -> Objects.equals(t, token)).count();
        if (stored != request.events().size()) {
            throw new IdempotencyTokenReusedException(request.streamId(), token,
                    "it stored " + stored + " events, this append has " + request.events().size());
        }
        return new AppendResult(request.lastVersion(), true);
    }
}
