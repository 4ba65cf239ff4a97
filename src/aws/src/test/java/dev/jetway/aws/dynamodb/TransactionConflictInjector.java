package dev.jetway.aws.dynamodb;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Answers the next {@code n} TransactWriteItems calls with the {@code TransactionConflict}
 * cancellation that DynamoDB returns when another transaction is in flight on the same items,
 * without sending them. DynamoDB Local serializes transactions and never returns it (measured: no
 * conflict among 450 losers of 16-way races), so this is the only way to reach that path; every
 * other request goes to DynamoDB Local unchanged.
 */
final class TransactionConflictInjector implements ExecutionInterceptor {

    private final AtomicInteger conflictsLeft = new AtomicInteger();
    private final AtomicInteger transactionsSeen = new AtomicInteger();
    private volatile Runnable whileInFlight = () -> {};

    /** The next {@code count} transactions fail; {@code competitor} runs first, as the transaction holding the items. */
    void conflictNext(int count, Runnable competitor) {
        whileInFlight = competitor;
        conflictsLeft.set(count);
    }

    int transactionsSeen() {
        return transactionsSeen.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof TransactWriteItemsRequest transaction)) return;
        transactionsSeen.incrementAndGet();
        if (conflictsLeft.getAndUpdate(n -> Math.max(0, n - 1)) == 0) return;
        whileInFlight.run();
        throw TransactionCanceledException.builder()
                .message("Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]")
                .cancellationReasons(transaction.transactItems().stream()
                        .map(item -> CancellationReason.builder()
                                .code("TransactionConflict")
                                .message("Transaction is ongoing for the item")
                                .build())
                        .toList())
                .build();
    }
}
