package dev.jetway.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class EventTableTest {

    private final DynamoDbClient client = DynamoDbLocal.client();

    @Test
    void theCreatedTableHasTheKeysTheOutboxStreamAndTtl() {
        String name = DynamoDbLocal.newEventTable();

        TableDescription table = client.describeTable(d -> d.tableName(name)).table();
        assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("pk:" + KeyType.HASH, "sk:" + KeyType.RANGE);
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.streamSpecification().streamEnabled())
                .as("the table's stream is the outbox; without it no event reaches EventBridge").isTrue();
        assertThat(table.streamSpecification().streamViewType())
                .as("the outbox needs the new image: the whole envelope").isEqualTo(StreamViewType.NEW_IMAGE);
        assertThat(client.describeTimeToLive(d -> d.tableName(name)).timeToLiveDescription())
                .satisfies(ttl -> {
                    assertThat(ttl.attributeName()).isEqualTo("expires_at");
                    assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
                });
    }

    @Test
    void eventKeysSortInVersionOrderAsStrings() {
        assertThat(EventTable.eventKey(9)).as("zero padding: e#10 would otherwise sort before e#9")
                .isLessThan(EventTable.eventKey(10));
        assertThat(EventTable.eventKey(Long.MAX_VALUE)).isEqualTo("e#9223372036854775807");
        assertThat(EventTable.eventKey(Long.MAX_VALUE)).as("events sort before the state item").isLessThan("state");
        assertThatThrownBy(() -> EventTable.eventKey(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
