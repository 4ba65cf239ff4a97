package dev.jetway.core.outbox;

/** Where poison records go (an SQS queue on AWS). Throwing means the record was not parked. */
public interface DeadLetterQueue {
    void park(DeadLetter letter);
}
