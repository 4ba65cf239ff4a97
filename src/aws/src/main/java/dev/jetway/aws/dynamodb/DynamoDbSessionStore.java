package dev.jetway.aws.dynamodb;

import static dev.jetway.aws.dynamodb.EventTable.EXPIRES_AT;
import static dev.jetway.aws.dynamodb.EventTable.ITEM_TYPE;
import static dev.jetway.aws.dynamodb.EventTable.PK;
import static dev.jetway.aws.dynamodb.EventTable.SK;

import dev.jetway.core.mcp.Session;
import dev.jetway.core.mcp.SessionStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Session-era sessions in Jetway's single table, so that a session opened on one gateway instance
 * continues on any other.
 *
 * <p><b>Items.</b> One item per session: {@code pk = session#<Mcp-Session-Id>}, {@code sk = session},
 * {@code item_type = session}, the negotiated {@code protocol_version}, {@code client_info} and
 * {@code client_capabilities} as JSON text, {@code log_level} (absent until the client sets one),
 * {@code created_at} and {@code refreshed_at} (ISO-8601), {@code expires_at} (epoch seconds, the
 * table's TTL attribute) and {@code owner}, the subject of the caller that initialized the session.
 * An item written before sessions had owners has no {@code owner}; it is read as owned by
 * {@value Session#ANONYMOUS_OWNER}, so that only an unauthenticated gateway can continue it and no
 * authenticated caller can take it over. Session partitions never meet provider streams ({@code provider#...}), and
 * the outbox skips the items because their {@code item_type} is not {@code event}.
 *
 * <p><b>Expiry.</b> DynamoDB deletes expired items lazily (typically within days), so every read
 * compares {@code expires_at} with the caller's clock and treats a late item as gone. A refresh is a
 * {@code PutItem} conditioned on the session still existing and not having expired, so that a
 * request racing a DELETE or an expiry never brings the session back. Reads are strongly
 * consistent: a session created on one instance is found on another at once.
 */
public final class DynamoDbSessionStore implements SessionStore {

    public static final String KEY_PREFIX = "session#";
    public static final String SESSION_SK = "session";
    public static final String SESSION_ITEM = "session";
    static final String PROTOCOL_VERSION = "protocol_version";
    static final String CLIENT_INFO = "client_info";
    static final String CLIENT_CAPABILITIES = "client_capabilities";
    static final String LOG_LEVEL = "log_level";
    static final String CREATED_AT = "created_at";
    static final String REFRESHED_AT = "refreshed_at";
    static final String OWNER = "owner";
    static final String LIVE_SESSION_CONDITION = "attribute_exists(" + PK + ") AND #expires_at > :now";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbSessionStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public void put(Session session) {
        dynamoDb.putItem(put -> put.tableName(tableName).item(toItem(session)));
    }

    @Override
    public Optional<Session> find(String id, Instant now) {
        Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(tableName).key(key(id))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        Session session = fromItem(id, item);
        return session.isExpiredAt(now) ? Optional.empty() : Optional.of(session);
    }

    @Override
    public boolean replace(Session session) {
        try {
            dynamoDb.putItem(put -> put.tableName(tableName).item(toItem(session))
                    .conditionExpression(LIVE_SESSION_CONDITION)
                    .expressionAttributeNames(Map.of("#expires_at", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", epochSeconds(session.refreshedAt()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean remove(String id, Instant now) {
        Map<String, AttributeValue> old = dynamoDb.deleteItem(delete -> delete.tableName(tableName).key(key(id))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        if (old == null || old.isEmpty()) return false;
        return !fromItem(id, old).isExpiredAt(now);
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of(PK, s(KEY_PREFIX + id), SK, s(SESSION_SK));
    }

    static Map<String, AttributeValue> toItem(Session session) {
        Map<String, AttributeValue> item = new HashMap<>(key(session.id()));
        item.put(ITEM_TYPE, s(SESSION_ITEM));
        item.put(PROTOCOL_VERSION, s(session.protocolVersion()));
        item.put(CLIENT_INFO, s(session.clientInfoJson()));
        item.put(CLIENT_CAPABILITIES, s(session.clientCapabilitiesJson()));
        if (session.logLevel() != null) item.put(LOG_LEVEL, s(session.logLevel()));
        item.put(CREATED_AT, s(session.createdAt().toString()));
        item.put(REFRESHED_AT, s(session.refreshedAt().toString()));
        item.put(EXPIRES_AT, epochSeconds(session.expiresAt()));
        item.put(OWNER, s(session.owner()));
        return item;
    }

    static Session fromItem(String id, Map<String, AttributeValue> item) {
        AttributeValue level = item.get(LOG_LEVEL);
        AttributeValue owner = item.get(OWNER);
        return new Session(id,
                item.get(PROTOCOL_VERSION).s(),
                item.get(CLIENT_INFO).s(),
                item.get(CLIENT_CAPABILITIES).s(),
                level == null ? null : level.s(),
                Instant.parse(item.get(CREATED_AT).s()),
                Instant.parse(item.get(REFRESHED_AT).s()),
                Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n())),
                owner == null ? Session.ANONYMOUS_OWNER : owner.s());
    }

    private static AttributeValue epochSeconds(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
