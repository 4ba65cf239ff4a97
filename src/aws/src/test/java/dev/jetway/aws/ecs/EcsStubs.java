package dev.jetway.aws.ecs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.jetway.core.json.Json;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The ECS API (JSON 1.1, {@code X-Amz-Target: AmazonEC2ContainerServiceV20141113.*}) as WireMock
 * stubs, for the real SDK client; and a task's MCP server, a loopback stub that answers
 * {@code initialize}, {@code tools/list} and {@code ping} over Streamable HTTP.
 */
public final class EcsStubs implements AutoCloseable {

    public static final String TARGET = "AmazonEC2ContainerServiceV20141113.";
    public static final String TASK_ARN = "arn:aws:ecs:eu-west-1:123456789012:task/jetway/0a1b2c3d4e5f";
    static final String JSON = "application/x-amz-json-1.1";

    public final WireMockServer ecs = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    public final WireMockServer task = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

    public EcsStubs() {
        ecs.start();
        task.start();
        stubFor("StopTask", "{\"task\":{\"taskArn\":\"" + TASK_ARN + "\",\"lastStatus\":\"RUNNING\",\"desiredStatus\":\"STOPPED\"}}");
        mcpAnswers("initialize", """
                {"protocolVersion":"2025-11-25","capabilities":{"tools":{}},"serverInfo":{"name":"fetch-task","version":"1.0"}}""");
        mcpAnswers("tools/list", """
                {"tools":[{"name":"fetch","inputSchema":{"type":"object"}},{"name":"head","inputSchema":{"type":"object"}}]}""");
        mcpAnswers("ping", "{}");
        task.stubFor(post(urlEqualTo("/mcp")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.method", equalTo("notifications/initialized")))
                .willReturn(aResponse().withStatus(202)));
    }

    /** @param interceptors added to the client (to count or trace its calls) */
    public EcsClient client(Duration attemptTimeout, ExecutionInterceptor... interceptors) {
        return EcsClient.builder().endpointOverride(URI.create(ecs.baseUrl())).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> {
                    c.apiCallAttemptTimeout(attemptTimeout);
                    for (ExecutionInterceptor interceptor : interceptors) c.addExecutionInterceptor(interceptor);
                })
                .build();
    }

    public int taskPort() {
        return task.port();
    }

    public MappingBuilder call(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + operation));
    }

    public void stubFor(String operation, String body) {
        ecs.stubFor(call(operation).willReturn(ok(body)));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(body);
    }

    public void runTaskReturnsTheTask() {
        stubFor("RunTask", "{\"tasks\":[" + taskJson("PROVISIONING", null) + "],\"failures\":[]}");
    }

    public void describeTasksSays(String lastStatus, String stoppedReason) {
        stubFor("DescribeTasks", describeTasksBody(lastStatus, stoppedReason));
    }

    public static String describeTasksBody(String lastStatus, String stoppedReason) {
        return "{\"tasks\":[" + taskJson(lastStatus, stoppedReason) + "],\"failures\":[]}";
    }

    /** A task whose network interface has the loopback address, where the MCP stub listens. */
    static String taskJson(String lastStatus, String stoppedReason) {
        String desired = "STOPPED".equals(lastStatus) ? "STOPPED" : "RUNNING";
        return "{\"taskArn\":\"" + TASK_ARN + "\",\"lastStatus\":\"" + lastStatus + "\",\"desiredStatus\":\"" + desired + "\","
                + (stoppedReason == null ? "" : "\"stoppedReason\":\"" + stoppedReason + "\",\"stopCode\":\"TaskFailedToStart\",")
                + "\"attachments\":[{\"type\":\"ElasticNetworkInterface\",\"status\":\"ATTACHED\",\"details\":["
                + "{\"name\":\"subnetId\",\"value\":\"subnet-a\"},{\"name\":\"privateIPv4Address\",\"value\":\"127.0.0.1\"}]}],"
                + "\"containers\":[{\"name\":\"mcp\",\"lastStatus\":\"" + lastStatus + "\"}]}";
    }

    public void mcpAnswers(String method, String result) {
        task.stubFor(post(urlEqualTo("/mcp")).withRequestBody(matchingJsonPath("$.method", equalTo(method)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"jsonrpc\":\"2.0\",\"id\":\"{{jsonPath request.body '$.id'}}\",\"result\":" + result + "}")
                        .withTransformers("response-template")));
    }

    /** The bodies of the requests of one operation, in the order they came. */
    public List<JsonNode> requests(String operation) {
        return ecs.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + operation)))
                .stream().map(LoggedRequest::getBodyAsString).map(Json::parse).toList();
    }

    @Override
    public void close() {
        ecs.stop();
        task.stop();
    }
}
