package dev.jetway.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.AppendResult;
import dev.jetway.core.eventstore.NewEvent;
import dev.jetway.core.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Pins what the store sends to DynamoDB (recorded on a real client talking to DynamoDB Local): the
 * conditions and the grouping into one transaction are what the contract suite cannot see, because
 * a store without them passes it whenever no race happens to hit the gap.
 */
class DynamoDbEventStoreRequestsTest {

    private final RecordedRequests recorded = new RecordedRequests();
    private final DynamoDbClient client = DynamoDbLocal.newClient(recorded);
    private final DynamoDbEventStore store = new DynamoDbEventStore(client, DynamoDbLocal.newEventTable());
    private final String stream = "provider#requests-" + UUID.randomUUID();

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void theFirstAppendCreatesTheStreamOnlyIfItDoesNotExist() {
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(1)));

        TransactWriteItemsRequest transaction = onlyTransaction();
        assertThat(put(transaction, 0).conditionExpression())
                .as("guards against a second creator overwriting event 0")
                .isEqualTo("attribute_not_exists(pk)");
        assertThat(headUpdate(transaction).conditionExpression())
                .as("guards against two creators both winning through different event keys")
                .isEqualTo("attribute_not_exists(pk)");
    }

    @Test
    void aLaterAppendMovesTheHeadOnlyFromTheExpectedVersionAndNeverOverwritesAnEvent() {
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(2)));
        recorded.clear();

        store.append(AppendRequest.of(stream, 1, events(1)));

        TransactWriteItemsRequest transaction = onlyTransaction();
        assertThat(transaction.transactItems()).as("one event put and the head update").hasSize(2);
        Put event = put(transaction, 0);
        assertThat(event.item().get("sk").s()).isEqualTo("e#0000000000000000002");
        assertThat(event.conditionExpression())
                .as("guards against a silent overwrite of a stored event")
                .isEqualTo("attribute_not_exists(pk)");
        Update head = headUpdate(transaction);
        assertThat(head.conditionExpression())
                .as("guards against gaps: an expected version ahead of the stream must not write")
                .isEqualTo("#head = :expected");
        assertThat(head.expressionAttributeNames()).containsEntry("#head", "head");
        assertThat(head.expressionAttributeValues()).containsEntry(":expected", AttributeValue.fromN("1"))
                .containsEntry(":head", AttributeValue.fromN("2"));
    }

    @Test
    void aMultiEventAppendIsOneTransactionCarryingTheIdempotencyTokenAsClientRequestToken() {
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(3)).withIdempotencyToken("batch-token-1"));

        TransactWriteItemsRequest transaction = onlyTransaction();
        assertThat(transaction.clientRequestToken())
                .as("guards DynamoDB's own de-duplication of a retried transaction")
                .isEqualTo("batch-token-1");
        assertThat(IntStream.range(0, 3).mapToObj(i -> put(transaction, i).item().get("sk").s()))
                .as("all events in the one transaction: none can be stored without the others")
                .containsExactly("e#0000000000000000000", "e#0000000000000000001", "e#0000000000000000002");
        assertThat(IntStream.range(0, 3).mapToObj(i -> put(transaction, i).item().get("idempotency_token").s()))
                .as("the token stays on every event, for retries after DynamoDB's 10-minute window")
                .containsOnly("batch-token-1");
    }

    @Test
    void theProjectionIsWrittenInTheSameTransactionAsTheEvents() {
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(2))
                .withProjection(Json.object().put("state", "COLD")));

        TransactWriteItemsRequest transaction = onlyTransaction();
        Update head = headUpdate(transaction);
        assertThat(head.updateExpression())
                .as("guards against a projection that reflects events that were never stored, or the reverse")
                .isEqualTo("SET #head = :head, #type = :type, #stream = :stream, #version = :head, #state = :state");
        assertThat(head.expressionAttributeValues().get(":state").s()).isEqualTo("{\"state\":\"COLD\"}");
        assertThat(recorded.all()).as("no write outside the transaction").containsExactly(transaction);
    }

    @Test
    void anAppendWithoutAProjectionMovesTheHeadButLeavesTheProjectionAlone() {
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(1)));

        assertThat(headUpdate(onlyTransaction()).updateExpression())
                .as("guards against erasing the last projection on appends that carry none")
                .isEqualTo("SET #head = :head, #type = :type, #stream = :stream");
    }

    @Test
    void aRetryWithATokenIsAnsweredFromTheStreamWithoutSendingTheTransactionAgain() {
        AppendRequest batch = AppendRequest.of(stream, AppendRequest.NO_STREAM, events(2)).withIdempotencyToken("tok-r");
        store.append(batch);
        recorded.clear();

        AppendResult retry = store.append(batch);

        assertThat(retry).isEqualTo(new AppendResult(1, true));
        assertThat(recorded.of(TransactWriteItemsRequest.class))
                .as("DynamoDB would answer a repeated token with success, reporting the replay as a new append")
                .isEmpty();
    }

    @Test
    void readsAreStronglyConsistent() {
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(1)).withProjection(Json.object()));
        recorded.clear();

        store.read(stream);
        store.projection(stream);

        assertThat(recorded.of(QueryRequest.class)).as("guards against a writer not seeing its own events")
                .singleElement().extracting(QueryRequest::consistentRead).isEqualTo(true);
        assertThat(recorded.of(GetItemRequest.class)).as("guards against reading a projection older than the append")
                .singleElement().extracting(GetItemRequest::consistentRead).isEqualTo(true);
    }

    private TransactWriteItemsRequest onlyTransaction() {
        assertThat(recorded.of(TransactWriteItemsRequest.class)).as("one TransactWriteItems per append").hasSize(1);
        return recorded.of(TransactWriteItemsRequest.class).get(0);
    }

    private static Put put(TransactWriteItemsRequest transaction, int index) {
        TransactWriteItem item = transaction.transactItems().get(index);
        assertThat(item.put()).as("item %d is an event put", index).isNotNull();
        return item.put();
    }

    private static Update headUpdate(TransactWriteItemsRequest transaction) {
        List<TransactWriteItem> items = transaction.transactItems();
        Update update = items.get(items.size() - 1).update();
        assertThat(update).as("the last item updates the state item").isNotNull();
        assertThat(update.key().get("sk").s()).isEqualTo("state");
        return update;
    }

    private static List<NewEvent> events(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new NewEvent(UUID.randomUUID(), "Thing", 1, Instant.now(), null, Json.object().put("i", i)))
                .toList();
    }
}
