package dev.jetway.aws.dynamodb;

import static dev.jetway.aws.dynamodb.EventItems.s;
import static dev.jetway.aws.dynamodb.EventTable.PK;
import static dev.jetway.aws.dynamodb.EventTable.SK;

import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.ledger.ListMethod;
import dev.jetway.core.ledger.SchemaVersion;
import dev.jetway.core.ledger.SchemaVersionEvents;
import dev.jetway.core.ledger.SchemaVersionExistsException;
import dev.jetway.core.ledger.SchemaVersionStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Schema versions in the single table, as events of the stream {@code schema#<provider>#<method>}.
 *
 * <p><b>Key layout.</b> {@code pk = schema#<provider>#<method>} (e.g. {@code schema#math#tools/list}),
 * {@code sk = e#<19-digit stream version>} with stream version = version number − 1: the same
 * layout as every event item ({@link EventTable#eventKey}), so the version item <em>is</em> the
 * {@code ToolSchemaVersionCreated} event, with {@code item_type = event} and the envelope
 * attributes. The table's stream therefore carries each new version to the outbox and EventBridge
 * with no second write, and the version can never exist without its event. Such a stream has no
 * {@code state} item: the ledger keeps no projection.
 *
 * <p><b>Create</b> is one {@code PutItem} conditioned on {@code attribute_not_exists(pk)}: of two
 * instances writing the same number, one succeeds and the other gets
 * {@link SchemaVersionExistsException}. <b>Latest</b> is a {@code Query} on the partition,
 * {@code sk} descending, limit 1; <b>version N</b> a {@code GetItem}. Reads are strongly consistent.
 * An item holds at most 400 KB, so a list payload has to stay below that; an event over 256 KB is
 * stored but parked by the outbox instead of published (EventBridge's entry limit).
 */
public final class DynamoDbSchemaVersionStore implements SchemaVersionStore {

    static final String CREATE_CONDITION = "attribute_not_exists(" + PK + ")";
    static final String EVENTS_OF_STREAM = "#pk = :pk AND begins_with(#sk, :events)";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbSchemaVersionStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Optional<SchemaVersion> latest(String provider, ListMethod method) {
        List<Map<String, AttributeValue>> items = dynamoDb.query(eventsOf(provider, method)
                .scanIndexForward(false).limit(1).build()).items();
        return items.stream().findFirst().map(DynamoDbSchemaVersionStore::toVersion);
    }

    @Override
    public Optional<SchemaVersion> version(String provider, ListMethod method, int number) {
        if (number < 1) return Optional.empty();
        Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(tableName).consistentRead(true)
                .key(Map.of(PK, s(SchemaVersion.streamId(provider, method)), SK, s(EventTable.eventKey(number - 1L)))))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toVersion(item));
    }

    @Override
    public List<SchemaVersion> versions(String provider, ListMethod method) {
        return dynamoDb.queryPaginator(eventsOf(provider, method).scanIndexForward(true).build()).items().stream()
                .map(DynamoDbSchemaVersionStore::toVersion).toList();
    }

    @Override
    public void create(SchemaVersion version, EventEnvelope event) {
        SchemaVersionStore.requireEventOf(version, event);
        try {
            dynamoDb.putItem(put -> put.tableName(tableName)
                    .item(EventItems.toItem(event, null))
                    .conditionExpression(CREATE_CONDITION));
        } catch (ConditionalCheckFailedException taken) {
            throw new SchemaVersionExistsException(version.provider(), version.method(), version.number());
        }
    }

    private QueryRequest.Builder eventsOf(String provider, ListMethod method) {
        return QueryRequest.builder().tableName(tableName).consistentRead(true)
                .keyConditionExpression(EVENTS_OF_STREAM)
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(SchemaVersion.streamId(provider, method)),
                        ":events", s(EventTable.EVENT_SK_PREFIX)));
    }

    private static SchemaVersion toVersion(Map<String, AttributeValue> item) {
        return SchemaVersionEvents.version(EventItems.toEnvelope(item));
    }
}
