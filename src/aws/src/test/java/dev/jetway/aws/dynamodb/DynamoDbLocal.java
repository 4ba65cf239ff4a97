package dev.jetway.aws.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local, in memory, in this test JVM: started on first use, once, and stopped when the
 * JVM exits. Tests isolate themselves with their own tables ({@link #newEventTable()}).
 *
 * <p>It runs as a server on a free loopback port rather than embedded, so that requests travel
 * through the real SDK client (HTTP, marshalling, interceptors) as they do against AWS. Its native
 * sqlite library is bundled in the DynamoDBLocal jar and extracted by DynamoDB Local itself: no
 * {@code sqlite4java.library.path} and no copy step.
 */
public final class DynamoDbLocal {

    private static final int START_ATTEMPTS = 3;

    private static volatile URI endpoint;
    private static volatile DynamoDbClient sharedClient;

    private DynamoDbLocal() {}

    /** A client of the running DynamoDB Local, shared by all tests. */
    public static DynamoDbClient client() {
        if (sharedClient == null) {
            synchronized (DynamoDbLocal.class) {
                if (sharedClient == null) sharedClient = newClient();
            }
        }
        return sharedClient;
    }

    /** A client of its own, for tests that watch requests; the caller closes it. */
    public static DynamoDbClient newClient(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> {
                    for (ExecutionInterceptor interceptor : interceptors) c.addExecutionInterceptor(interceptor);
                })
                .build();
    }

    /** A client of the same server's DynamoDB Streams API; the caller closes it. */
    public static DynamoDbStreamsClient newStreamsClient() {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** Creates an empty event table with a unique name and returns the name. */
    public static String newEventTable() {
        String name = "jetway-test-" + UUID.randomUUID();
        EventTable.create(client(), name);
        return name;
    }

    private static URI endpoint() {
        if (endpoint == null) {
            synchronized (DynamoDbLocal.class) {
                if (endpoint == null) endpoint = start();
            }
        }
        return endpoint;
    }

    /** Retries because another process may take the free port between probing and binding it. */
    private static URI start() {
        Exception last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                        new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "dynamodb-local-stop"));
                return URI.create("http://127.0.0.1:" + port);
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start in " + START_ATTEMPTS + " attempts", last);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(DynamoDBProxyServer server) {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("DynamoDB Local did not stop cleanly: " + e);
        }
    }
}
