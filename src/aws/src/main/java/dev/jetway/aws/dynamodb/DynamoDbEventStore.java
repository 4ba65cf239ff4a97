package dev.jetway.aws.dynamodb;

import static dev.jetway.aws.dynamodb.EventTable.*;
import static dev.jetway.aws.dynamodb.EventItems.n;
import static dev.jetway.aws.dynamodb.EventItems.s;

import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.AppendResult;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.eventstore.IdempotencyTokenReusedException;
import dev.jetway.core.eventstore.IdempotentRetry;
import dev.jetway.core.eventstore.StoredProjection;
import dev.jetway.core.eventstore.WrongExpectedVersionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The event store over one DynamoDB table laid out as {@link EventTable} describes.
 *
 * <p><b>Appends.</b> Every append is one {@code TransactWriteItems}, with the idempotency token as
 * its {@code ClientRequestToken}: a {@code Put} per event, each conditioned on
 * {@code attribute_not_exists(pk)} so that no event is ever overwritten, and an {@code Update} of
 * the stream's state item that sets its {@code head} to the new last version (and the projection
 * with its version, when the request carries one), conditioned on {@code head} being the expected
 * version ({@code attribute_not_exists(pk)} for a new stream). That head condition is what keeps a
 * stream free of gaps and orders concurrent appends. It replaces the other design, a
 * {@code ConditionCheck} that the predecessor event exists, because that check is one more item:
 * 99 events plus projection plus check is 101, over DynamoDB's 100-item limit for a
 * transaction, which {@link AppendRequest#MAX_EVENTS} allows. It also means the actual head after a
 * lost race is one {@code GetItem} away. The price is that a single event is a two-item
 * transaction too, not a conditional {@code PutItem}.
 *
 * <p><b>Races and retries.</b> A cancelled transaction whose reasons include
 * {@code ConditionalCheckFailed} lost the race: the store reads the actual head and the tokens of
 * the events after the expected version and lets {@link IdempotentRetry} decide between
 * {@link WrongExpectedVersionException} and a replay. {@code TransactionConflict} (another
 * transaction in flight on the same items) and {@code TransactionInProgressException} are
 * transient: after a short jittered pause the head decides, either the race is lost or the
 * transaction is sent again, at most {@value #MAX_ATTEMPTS} times in all, after which the SDK's
 * exception is rethrown.
 *
 * <p><b>Idempotency.</b> Within its 10-minute window, DynamoDB answers a repeated
 * {@code ClientRequestToken} with success and no write, which would report a replay as a fresh
 * append. So an append with a token first reads the head: if the stream has moved past the
 * expected version, the {@link IdempotentRetry} rule decides before anything is sent. A token
 * DynamoDB has already seen with other parameters (another stream, within the window) is an
 * {@link IdempotencyTokenReusedException}: tokens must be unique per account and region, not only
 * per stream.
 *
 * <p><b>Reads</b> are strongly consistent: a caller that appends and then reads must see its own
 * write.
 */
public final class DynamoDbEventStore implements EventStore {

    static final int MAX_ATTEMPTS = 8;
    private static final long FIRST_PAUSE_MILLIS = 4;
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";
    static final String NEW_ITEM_CONDITION = "attribute_not_exists(" + PK + ")";
    static final String HEAD_AT_EXPECTED_CONDITION = "#head = :expected";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbEventStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /**
     * @throws TransactionCanceledException when transaction conflicts persisted for
     *     {@value #MAX_ATTEMPTS} attempts while the stream stayed at the expected version
     */
    @Override
    public AppendResult append(AppendRequest request) {
        TransactWriteItemsRequest write = transaction(request);
        boolean readHeadFirst = request.idempotencyToken() != null;
        for (int attempt = 1; ; attempt++) {
            if (readHeadFirst) {
                long head = head(request.streamId());
                if (head != request.expectedVersion()) return resolveConflict(request, head);
            }
            RuntimeException transientFailure;
            try {
                dynamoDb.transactWriteItems(write);
                return new AppendResult(request.lastVersion(), false);
            } catch (TransactionCanceledException e) {
                if (hasReason(e, CONDITIONAL_CHECK_FAILED)) return resolveConflict(request, head(request.streamId()));
                if (!hasReason(e, TRANSACTION_CONFLICT)) throw e;
                transientFailure = e;
            } catch (TransactionInProgressException e) {
                transientFailure = e;
            } catch (IdempotentParameterMismatchException e) {
                // A retry with fresh event ids can race its original; only a stream that did not move proves reuse.
                long head = head(request.streamId());
                if (head != request.expectedVersion()) return resolveConflict(request, head);
                throw new IdempotencyTokenReusedException(request.streamId(), request.idempotencyToken(),
                        "DynamoDB saw this ClientRequestToken with other parameters in the last 10 minutes");
            }
            if (attempt == MAX_ATTEMPTS) throw transientFailure;
            pause(attempt, transientFailure);
            readHeadFirst = true;
        }
    }

    @Override
    public List<EventEnvelope> read(String streamId, long fromVersion) {
        return dynamoDb.queryPaginator(q -> q
                        .tableName(tableName)
                        .consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(
                                ":pk", s(streamId),
                                ":from", s(eventKey(Math.max(0, fromVersion))),
                                ":to", s(eventKey(Long.MAX_VALUE)))))
                .items().stream()
                .map(EventItems::toEnvelope)
                .toList();
    }

    @Override
    public Optional<StoredProjection> projection(String streamId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(g -> g
                .tableName(tableName)
                .consistentRead(true)
                .key(stateKey(streamId))).item();
        if (item == null || !item.containsKey(PROJECTION_VERSION)) return Optional.empty();
        return Optional.of(EventItems.toProjection(item));
    }

    /** Scans the whole table: for rebuilds and tooling, never the hot path. */
    @Override
    public List<String> streamIds(String prefix) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":state", s(STATE_SK)));
        String filter = "#sk = :state";
        if (!prefix.isEmpty()) {
            filter += " AND begins_with(#pk, :prefix)";
            values.put(":prefix", s(prefix));
        }
        String filterExpression = filter;
        return dynamoDb.scanPaginator(scan -> scan
                        .tableName(tableName)
                        .consistentRead(true)
                        .filterExpression(filterExpression)
                        .projectionExpression("#pk")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(values))
                .items().stream()
                .map(item -> item.get(PK).s())
                .sorted()
                .toList();
    }

    private TransactWriteItemsRequest transaction(AppendRequest request) {
        List<TransactWriteItem> items = new ArrayList<>();
        for (int i = 0; i < request.events().size(); i++) {
            EventEnvelope event = request.events().get(i).at(request.streamId(), request.expectedVersion() + 1 + i);
            items.add(TransactWriteItem.builder().put(put -> put
                    .tableName(tableName)
                    .item(EventItems.toItem(event, request.idempotencyToken()))
                    .conditionExpression(NEW_ITEM_CONDITION)).build());
        }
        items.add(TransactWriteItem.builder().update(headUpdate(request)).build());
        return TransactWriteItemsRequest.builder()
                .transactItems(items)
                .clientRequestToken(request.idempotencyToken())
                .build();
    }

    /** Moves the head (and the projection, when given) only if the stream is where the request expects it. */
    private Update headUpdate(AppendRequest request) {
        Map<String, String> names = new HashMap<>(Map.of("#head", HEAD, "#type", ITEM_TYPE, "#stream", STREAM_ID));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":head", n(request.lastVersion()), ":type", s(STATE_ITEM), ":stream", s(request.streamId())));
        String set = "SET #head = :head, #type = :type, #stream = :stream";
        if (request.projection() != null) {
            set += ", #version = :head, #state = :state";
            names.put("#version", PROJECTION_VERSION);
            names.put("#state", PROJECTION_STATE);
            values.put(":state", s(EventItems.json(request.projection())));
        }
        String condition = NEW_ITEM_CONDITION;
        if (request.expectedVersion() != AppendRequest.NO_STREAM) {
            condition = HEAD_AT_EXPECTED_CONDITION;
            values.put(":expected", n(request.expectedVersion()));
        }
        return Update.builder()
                .tableName(tableName)
                .key(stateKey(request.streamId()))
                .updateExpression(set)
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    private AppendResult resolveConflict(AppendRequest request, long head) {
        // Without a token the request cannot be a retry, so the tokens are not worth a read.
        List<String> tokens = request.idempotencyToken() == null || head <= request.expectedVersion()
                ? List.of()
                : tokensAfterExpected(request);
        return IdempotentRetry.resolve(request, head, tokens);
    }

    /** Tokens of the events after the expected version: one more than the request has, to see a longer append. */
    private List<String> tokensAfterExpected(AppendRequest request) {
        long first = request.expectedVersion() + 1;
        return dynamoDb.queryPaginator(q -> q
                        .tableName(tableName)
                        .consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                        .projectionExpression("#token")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK, "#token", IDEMPOTENCY_TOKEN))
                        .expressionAttributeValues(Map.of(
                                ":pk", s(request.streamId()),
                                ":from", s(eventKey(first)),
                                ":to", s(eventKey(first + request.events().size())))))
                .items().stream()
                .map(item -> item.containsKey(IDEMPOTENCY_TOKEN) ? item.get(IDEMPOTENCY_TOKEN).s() : null)
                .toList();
    }

    /** The version of the stream's last event; -1 when it has none. */
    private long head(String streamId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(g -> g
                .tableName(tableName)
                .consistentRead(true)
                .key(stateKey(streamId))
                .projectionExpression("#head")
                .expressionAttributeNames(Map.of("#head", HEAD))).item();
        return item == null || !item.containsKey(HEAD) ? AppendRequest.NO_STREAM : Long.parseLong(item.get(HEAD).n());
    }

    private static Map<String, AttributeValue> stateKey(String streamId) {
        return Map.of(PK, s(streamId), SK, s(STATE_SK));
    }

    private static boolean hasReason(TransactionCanceledException e, String code) {
        return e.hasCancellationReasons()
                && e.cancellationReasons().stream().anyMatch(reason -> code.equals(reason.code()));
    }

    /** Full jitter, doubling: spreads the appenders that collided so that the next attempt is decisive. */
    private static void pause(int attempt, RuntimeException transientFailure) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, (FIRST_PAUSE_MILLIS << attempt) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw transientFailure;
        }
    }

    @Override
    public String toString() {
        return "DynamoDbEventStore[" + tableName + "]";
    }
}
