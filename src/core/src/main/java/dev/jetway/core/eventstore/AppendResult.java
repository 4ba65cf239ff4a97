package dev.jetway.core.eventstore;

/**
 * @param lastVersion the stream version of the last appended event: the expected version of the
 *     next append
 * @param replayed true when the append was a retry of one already stored under the same
 *     idempotency token, so nothing new was written
 */
public record AppendResult(long lastVersion, boolean replayed) {}
