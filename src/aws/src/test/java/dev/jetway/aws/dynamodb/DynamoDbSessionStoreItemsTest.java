package dev.jetway.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.Session;
import dev.jetway.core.mcp.SessionExpiry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The session item as it lies in the table: the layout the docs and the TTL setting rely on. */
class DynamoDbSessionStoreItemsTest {

    @Test
    void aSessionIsOneItemKeyedBySessionIdWithItsExpiryInEpochSecondsForTheTableTtl() {
        String table = DynamoDbLocal.newEventTable();
        DynamoDbSessionStore store = new DynamoDbSessionStore(DynamoDbLocal.client(), table);
        // Far ahead of the wall clock, so that DynamoDB Local's TTL sweeper leaves the item alone.
        Instant now = Instant.parse("2099-03-01T10:00:00.250Z");
        store.put(Session.open("abc", "2025-11-25", (ObjectNode) Json.parse("{\"name\":\"c\"}"), null, now,
                SessionExpiry.idleAfter(Duration.ofHours(1)), "key:alice"));

        Map<String, AttributeValue> item = DynamoDbLocal.client().getItem(get -> get.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("session#abc"), "sk", AttributeValue.fromS("session")))).item();

        assertThat(item.get("item_type").s()).as("not 'event': the outbox must skip it").isEqualTo("session");
        assertThat(item.get("expires_at").n()).as("TTL attribute, epoch seconds")
                .isEqualTo(Long.toString(Instant.parse("2099-03-01T11:00:00Z").getEpochSecond()));
        assertThat(item.get("protocol_version").s()).isEqualTo("2025-11-25");
        assertThat(item.get("client_info").s()).isEqualTo("{\"name\":\"c\"}");
        assertThat(item.get("client_capabilities").s()).isEqualTo("{}");
        assertThat(item.get("refreshed_at").s()).isEqualTo("2099-03-01T10:00:00.250Z");
        assertThat(item).doesNotContainKey("log_level");
        assertThat(item.get("owner").s()).as("the subject that may use the session").isEqualTo("key:alice");
    }

    @Test
    void aSessionItemWrittenBeforeSessionsHadOwnersLoadsAsAnonymousAndNoAuthenticatedCallerOwnsIt() {
        String table = DynamoDbLocal.newEventTable();
        DynamoDbSessionStore store = new DynamoDbSessionStore(DynamoDbLocal.client(), table);
        Instant now = Instant.parse("2099-03-01T10:00:00Z");
        Map<String, AttributeValue> legacy = new java.util.HashMap<>(DynamoDbSessionStore.toItem(Session.open("old",
                "2025-06-18", null, null, now, SessionExpiry.idleAfter(Duration.ofHours(1)), "anonymous")));
        legacy.remove("owner");
        DynamoDbLocal.client().putItem(put -> put.tableName(table).item(legacy));

        Session found = store.find("old", now.plusSeconds(1)).orElseThrow();

        assertThat(found.owner()).as("an item without owner still loads").isEqualTo(Session.ANONYMOUS_OWNER);
        assertThat(found.isOwnedBy("anonymous")).as("an unauthenticated gateway continues it as before").isTrue();
        assertThat(found.isOwnedBy("key:alice")).as("an authenticated caller cannot take it over").isFalse();
    }

    @Test
    void aRefreshIsConditionedOnTheSessionStillBeingAlive() {
        assertThat(DynamoDbSessionStore.LIVE_SESSION_CONDITION)
                .as("guards against a refresh racing DELETE or expiry recreating the item")
                .isEqualTo("attribute_exists(pk) AND #expires_at > :now");
    }
}
