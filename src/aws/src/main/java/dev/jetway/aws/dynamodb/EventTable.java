package dev.jetway.aws.dynamodb;

import dev.jetway.core.outbox.EventItemImage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The key schema and attribute names of Jetway's single table, and how to create it.
 *
 * <p>One partition per stream ({@code pk} = stream id). In it, one item per event ({@code sk} =
 * {@code e#} + the stream version zero-padded to 19 digits, so that string order is version
 * order) and one {@code state} item holding the stream's head version and, once an append carried
 * one, its projection. Events sort before {@code state}, so a range query on {@code e#} never
 * returns the state item. Every append updates the state item too, so the table's stream carries
 * its changes beside the events: the outbox forwards only items whose {@code item_type} is
 * {@code event}.
 *
 * <p>Partitions by stream id prefix: {@code provider#<name>} (a provider's events and its
 * {@code state} item) and {@code schema#<provider>#<method>} (the schema ledger's versions, event
 * items only; see {@code DynamoDbSchemaVersionStore}).
 */
public final class EventTable {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String ITEM_TYPE = EventItemImage.ITEM_TYPE;
    /** Epoch seconds after which DynamoDB may delete the item; used by sessions, never by events. */
    public static final String EXPIRES_AT = "expires_at";

    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String SCHEMA_VERSION = "_version";
    public static final String STREAM_ID = "stream_id";
    public static final String STREAM_VERSION = "stream_version";
    public static final String OCCURRED_AT = "occurred_at";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String DATA = "data";
    public static final String IDEMPOTENCY_TOKEN = "idempotency_token";

    /** On the state item: the version of the stream's last event. */
    public static final String HEAD = "head";
    /** On the state item: the stream version the projection reflects. */
    public static final String PROJECTION_VERSION = "version";
    /** On the state item: the projection as a JSON string. */
    public static final String PROJECTION_STATE = "state";

    public static final String EVENT_ITEM = EventItemImage.EVENT_ITEM;
    public static final String STATE_ITEM = EventItemImage.STATE_ITEM;
    public static final String STATE_SK = "state";
    static final String EVENT_SK_PREFIX = "e#";

    private EventTable() {}

    /** The sort key of the event at {@code streamVersion}. */
    public static String eventKey(long streamVersion) {
        if (streamVersion < 0) throw new IllegalArgumentException("stream versions start at 0, got " + streamVersion);
        return EVENT_SK_PREFIX + String.format("%019d", streamVersion);
    }

    /**
     * Creates the table on demand-billing with its DynamoDB Stream (new images: the outbox) and TTL
     * on {@link #EXPIRES_AT}, and waits until it is active. For tests, local mode and as the
     * executable description of what the infrastructure code must create.
     */
    public static void create(DynamoDbClient dynamoDb, String tableName) {
        dynamoDb.createTable(table -> table
                .tableName(tableName)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamoDb).build()) {
            waiter.waitUntilTableExists(r -> r.tableName(tableName));
        }
        dynamoDb.updateTimeToLive(ttl -> ttl
                .tableName(tableName)
                .timeToLiveSpecification(spec -> spec.enabled(true).attributeName(EXPIRES_AT)));
    }
}
