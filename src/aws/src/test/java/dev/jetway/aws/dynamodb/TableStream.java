package dev.jetway.aws.dynamodb;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's DynamoDB Stream from its beginning with the Streams API (DescribeStream,
 * GetShardIterator, GetRecords), as the Lambda event source mapping does, parents before children.
 */
public final class TableStream {

    private TableStream() {}

    /** Every record the stream holds now, shard by shard in the order DescribeStream lists them. */
    public static List<Record> readAll(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, String tableName) {
        String streamArn = dynamoDb.describeTable(d -> d.tableName(tableName)).table().latestStreamArn();
        if (streamArn == null) throw new IllegalStateException("table " + tableName + " has no stream");
        List<Shard> shards = new ArrayList<>();
        String lastShard = null;
        do {
            String start = lastShard;
            var description = streams.describeStream(d -> d.streamArn(streamArn).exclusiveStartShardId(start))
                    .streamDescription();
            shards.addAll(description.shards());
            lastShard = description.lastEvaluatedShardId();
        } while (lastShard != null);
        List<Record> records = new ArrayList<>();
        for (Shard shard : shards) records.addAll(readShard(streams, streamArn, shard.shardId()));
        return records;
    }

    /** An open shard always has a next iterator: an empty page means we are at its end for now. */
    private static List<Record> readShard(DynamoDbStreamsClient streams, String streamArn, String shardId) {
        String iterator = streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = new ArrayList<>();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = streams.getRecords(g -> g.shardIterator(current).limit(1000));
            if (page.records().isEmpty()) break;
            records.addAll(page.records());
            iterator = page.nextShardIterator();
        }
        return records;
    }
}
