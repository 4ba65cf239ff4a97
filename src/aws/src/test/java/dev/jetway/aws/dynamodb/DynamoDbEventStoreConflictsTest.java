package dev.jetway.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.AppendResult;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.IdempotencyTokenReusedException;
import dev.jetway.core.eventstore.NewEvent;
import dev.jetway.core.eventstore.WrongExpectedVersionException;
import dev.jetway.core.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** How the store maps DynamoDB's transaction failures that the contract's races do not produce on DynamoDB Local. */
class DynamoDbEventStoreConflictsTest {

    private final TransactionConflictInjector conflicts = new TransactionConflictInjector();
    private final DynamoDbClient client = DynamoDbLocal.newClient(conflicts);
    private final String table = DynamoDbLocal.newEventTable();
    private final DynamoDbEventStore store = new DynamoDbEventStore(client, table);
    /** Writes through the shared client, which injects nothing: the competing appender. */
    private final DynamoDbEventStore competitor = new DynamoDbEventStore(DynamoDbLocal.client(), table);
    private final String stream = "provider#conflicts-" + UUID.randomUUID();

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void aTransactionConflictWhileTheStreamStaysAtTheExpectedVersionIsRetriedUntilItWrites() {
        NewEvent mine = event();
        conflicts.conflictNext(2, () -> {});

        AppendResult result = store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, List.of(mine)));

        assertThat(result).isEqualTo(new AppendResult(0, false));
        assertThat(conflicts.transactionsSeen()).as("two conflicts, then the write").isEqualTo(3);
        assertThat(store.read(stream)).extracting(EventEnvelope::eventId).containsExactly(mine.eventId());
    }

    @Test
    void aTransactionConflictAfterWhichTheHeadMovedIsALostRaceNotARetry() {
        NewEvent theirs = event();
        conflicts.conflictNext(1,
                () -> competitor.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, List.of(theirs))));

        assertThatThrownBy(() -> store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, List.of(event()))))
                .as("guards against retrying over a winner, which would surface as a confusing conditional failure or worse")
                .isInstanceOfSatisfying(WrongExpectedVersionException.class,
                        e -> assertThat(e.actualVersion()).isEqualTo(0));
        assertThat(conflicts.transactionsSeen()).as("no second attempt once the head moved").isEqualTo(1);
        assertThat(store.read(stream)).extracting(EventEnvelope::eventId).containsExactly(theirs.eventId());
    }

    @Test
    void conflictsThatNeverClearGiveUpAfterABoundedNumberOfAttempts() {
        conflicts.conflictNext(Integer.MAX_VALUE, () -> {});

        assertThatThrownBy(() -> store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, List.of(event()))))
                .as("guards against an append spinning forever (and a Lambda timing out) under contention")
                .isInstanceOf(TransactionCanceledException.class);
        assertThat(conflicts.transactionsSeen()).isEqualTo(DynamoDbEventStore.MAX_ATTEMPTS);
        assertThat(store.read(stream)).isEmpty();
    }

    @Test
    void aTokenAlreadyUsedOnAnotherStreamWithinDynamoDbsWindowIsRefusedAsReused() {
        String other = stream + "-other";
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, List.of(event())).withIdempotencyToken("shared-tok"));

        assertThatThrownBy(() -> store.append(AppendRequest.of(other, AppendRequest.NO_STREAM, List.of(event()))
                .withIdempotencyToken("shared-tok")))
                .as("DynamoDB scopes ClientRequestToken to the account: its IdempotentParameterMismatch is a reuse")
                .isInstanceOf(IdempotencyTokenReusedException.class);
        assertThat(store.read(other)).isEmpty();
    }

    private static NewEvent event() {
        return new NewEvent(UUID.randomUUID(), "Thing", 1, Instant.now(), null, Json.object());
    }
}
