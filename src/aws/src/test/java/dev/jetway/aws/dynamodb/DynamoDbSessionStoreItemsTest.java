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
                SessionExpiry.idleAfter(Duration.ofHours(1))));

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
    }

    @Test
    void aRefreshIsConditionedOnTheSessionStillBeingAlive() {
        assertThat(DynamoDbSessionStore.LIVE_SESSION_CONDITION)
                .as("guards against a refresh racing DELETE or expiry recreating the item")
                .isEqualTo("attribute_exists(pk) AND #expires_at > :now");
    }
}
