package dev.jetway.aws.eventbridge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** A WireMock server that answers only well-formed PutEvents calls, and a real SDK client aimed at it. */
final class EventBridgeStubs implements AutoCloseable {

    final PutEventsStub putEvents = new PutEventsStub();
    final WireMockServer server;
    final EventBridgeClient client;

    EventBridgeStubs() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(putEvents));
        server.start();
        // Anything that is not a PutEvents call with the JSON 1.1 protocol gets WireMock's 404.
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .willReturn(aResponse().withTransformers(PutEventsStub.NAME)));
        client = EventBridgeClient.builder()
                .endpointOverride(URI.create(server.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @Override
    public void close() {
        client.close();
        server.stop();
    }
}
