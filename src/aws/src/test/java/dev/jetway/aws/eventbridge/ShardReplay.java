package dev.jetway.aws.eventbridge;

import dev.jetway.core.outbox.EventFanOut;
import dev.jetway.core.outbox.FanOutResult;
import dev.jetway.core.outbox.StreamRecord;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How Lambda drives a function from one DynamoDB Streams shard with ReportBatchItemFailures: it
 * hands over up to {@code batchSize} records from the checkpoint, and on a reported failure moves
 * the checkpoint to the failed record and hands the rest over again.
 */
final class ShardReplay {

    int invocations;
    int reportedFailures;
    /** Every skip reason any invocation's result gave. */
    final Set<String> skipReasonsReported = new TreeSet<>();

    /** Runs until the shard is drained; false when {@code maxInvocations} did not suffice. */
    boolean drain(List<StreamRecord> shard, int batchSize, EventFanOut fanOut, int maxInvocations) {
        int checkpoint = 0;
        while (checkpoint < shard.size()) {
            if (invocations == maxInvocations) return false;
            invocations++;
            List<StreamRecord> batch = shard.subList(checkpoint, Math.min(shard.size(), checkpoint + batchSize));
            FanOutResult result = fanOut.fanOut(batch);
            skipReasonsReported.addAll(result.skipReasons().keySet());
            if (result.complete()) {
                checkpoint += batch.size();
            } else {
                reportedFailures++;
                String failed = result.batchItemFailures().get(0);
                checkpoint += indexOf(batch, failed);
            }
        }
        return true;
    }

    private static int indexOf(List<StreamRecord> batch, String sequenceNumber) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).sequenceNumber().equals(sequenceNumber)) return i;
        }
        throw new IllegalStateException("reported sequence number " + sequenceNumber + " is not in the batch");
    }
}
