package dev.jetway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.domain.provider.ProviderCommand;
import dev.jetway.core.domain.provider.ProviderEvent;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.domain.provider.StopReason;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.InMemoryEventStore;
import dev.jetway.core.eventstore.ObservedEventStore;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.registry.ProviderEventCodec;
import dev.jetway.core.registry.ProviderRepository;
import dev.jetway.core.telemetry.EventSink;
import dev.jetway.core.telemetry.TelemetryEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets planted in the config, the client's request and a failing provider's error output must
 * not appear in anything that leaves the process: stderr, JDK log records, error bodies, telemetry,
 * and the published copies of stored events (the event store itself keeps them).
 */
class RedactionTest {

    private static final String PROVIDER_TOKEN = "sk-plantedProviderToken1234567890";
    private static final String DB_PASSWORD = "hunter2-planted-db-password";
    private static final String AWS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJlcGxhbnRlZA";
    private static final String GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

    private final ApiKeyAuthenticator.NewKey clientKey = ApiKeyAuthenticator.generate("client", Set.of(), new SecureRandom());
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream originalErr = System.err;
    private final Map<Handler, Formatter> originalFormatters = new HashMap<>();
    private StreamHandler capturedLog;
    private EdgeHarness harness;

    private List<String> secrets() {
        return List.of(PROVIDER_TOKEN, DB_PASSWORD, AWS_KEY_ID, JWT, GITHUB, clientKey.key());
    }

    @BeforeEach
    void plantSecretsAndCaptureEverything() {
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        capturedLog = new StreamHandler(capture, new SimpleFormatter());
        Logger.getLogger("").addHandler(capturedLog);
        for (Handler h : Logger.getLogger("").getHandlers()) originalFormatters.put(h, h.getFormatter());
        harness = new EdgeHarness("""
                gateway: {background_discovery: true}
                providers:
                  leaky:
                    mode: remote
                    url: "https://leaky.example/mcp"
                    headers: {Authorization: "Bearer %s"}
                    env: {DB_PASSWORD: "%s"}
                security:
                  api_keys:
                    - {name: client, sha256: "%s"}
                """.formatted(PROVIDER_TOKEN, DB_PASSWORD, clientKey.entry().sha256()));
        // The provider fails the way real ones do: quoting its configuration and credentials in the error.
        harness.providers.failures.put("leaky", name -> {
            String message = "connection refused; sent Authorization: Bearer " + PROVIDER_TOKEN + " with DB_PASSWORD="
                    + DB_PASSWORD + ", aws " + AWS_KEY_ID + ", caller token " + JWT + ", github " + GITHUB
                    + ", client key " + clientKey.key();
            System.err.println("[leaky stderr] " + message);
            Logger.getLogger("dev.jetway.test.provider").warning(message);
            return message;
        });
        Redaction.installProcessWide(Redactor.forConfig(harness.config));
    }

    @AfterEach
    void restore() {
        harness.close();
        Logger.getLogger("").removeHandler(capturedLog);
        originalFormatters.forEach(Handler::setFormatter);
        System.setErr(originalErr);
    }

    @Test
    void no_planted_secret_reaches_stderr_logs_or_error_bodies_while_a_provider_fails() {
        List<String> bodies = new ArrayList<>();
        FrontDoorResponse.Complete call = harness.callTool("leaky__query", clientKey.key());
        bodies.add(call.bodyText());
        bodies.add(harness.post("""
                {"jsonrpc":"2.0","id":8,"method":"tools/list","params":{"_meta":{
                 "io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}""",
                clientKey.key(), "Mcp-Method", "tools/list", "MCP-Protocol-Version", "2026-07-28").bodyText());
        bodies.add(harness.post("{}", JWT).bodyText());
        bodies.add(harness.post("{}", "jw_" + "x".repeat(43) + " " + PROVIDER_TOKEN).bodyText());
        harness.gateway.close();
        capturedLog.flush();
        System.err.flush();
        String output = captured.toString(StandardCharsets.UTF_8);

        assertThat(call.bodyText()).as("the failure is reported").contains("leaky").contains(Redactor.MASK);
        assertThat(output).as("the failure was logged, redacted").contains("[leaky stderr]").contains(Redactor.MASK);
        for (String secret : secrets()) {
            assertThat(output).as("stderr and logs").doesNotContain(secret);
            for (String body : bodies) assertThat(body).as("error body").doesNotContain(secret);
        }
    }

    @Test
    void telemetry_error_messages_are_redacted_before_any_sink_sees_them() {
        List<TelemetryEvent> seen = new ArrayList<>();
        EventSink sink = new RedactingEventSink(new EventSink() {
            @Override
            public String name() {
                return "capture";
            }

            @Override
            public void onBatch(List<TelemetryEvent> events) {
                seen.addAll(events);
            }

            @Override
            public void flush() {
                // Nothing buffered.
            }
        }, Redactor.forConfig(harness.config));

        sink.onEvent(new TelemetryEvent.Request("r1", Instant.now(), "jetway", null, "POST", "/mcp?token=" + JWT,
                "tools/call", "leaky__query", 200, 10, 5L, 100, 100, -32603, "upstream said " + DB_PASSWORD + " " + GITHUB,
                null, null, "auth " + PROVIDER_TOKEN, "leaky", true));

        String json = seen.get(0).toJson().toString();
        for (String secret : secrets()) assertThat(json).doesNotContain(secret);
        assertThat(json).contains(Redactor.MASK);
    }

    @Test
    void the_redactor_keeps_the_shape_of_a_line_and_removes_only_the_secrets() {
        Redactor redactor = new Redactor(List.of("planted-value-123"));

        assertThat(redactor.redact("Authorization: Bearer abc.def.ghi123 sent"))
                .isEqualTo("Authorization: [REDACTED] sent");
        assertThat(redactor.redact("{\"password\":\"p4ssw0rd!\",\"user\":\"bob\"}"))
                .isEqualTo("{\"password\":\"[REDACTED]\",\"user\":\"bob\"}");
        assertThat(redactor.redact("key sk-" + "A".repeat(24) + " and planted-value-123 and AKIAIOSFODNN7EXAMPLE"))
                .isEqualTo("key [REDACTED] and [REDACTED] and [REDACTED]");
        assertThat(redactor.redact("tools/call took 12 ms")).isEqualTo("tools/call took 12 ms");
    }

    @Test
    void a_published_provider_spec_keeps_the_names_of_env_and_headers_and_masks_every_value() {
        PublishedEvents published = new PublishedEvents(Redactor.forConfig(harness.config));
        ProviderSpec leaky = harness.config.providers().get("leaky");
        ProviderSpec changed = new ProviderSpec(ProviderMode.SUBPROCESS, List.of("server", "--token", GITHUB), null, null,
                Map.of("DB_PASSWORD", DB_PASSWORD, "AWS_ACCESS_KEY_ID", AWS_KEY_ID), Map.of("X-Api-Key", "short"),
                0, 0, 0, null, null);

        for (ProviderEvent event : List.of(new ProviderEvent.ProviderRegistered("leaky", leaky),
                new ProviderEvent.ProviderConfigChanged("leaky", changed))) {
            EventEnvelope stored = envelope(event);
            String storedJson = Json.write(stored);
            EventEnvelope copy = published.published(stored);

            JsonNode spec = copy.data().get("spec");
            ProviderSpec original = event instanceof ProviderEvent.ProviderRegistered r ? r.spec()
                    : ((ProviderEvent.ProviderConfigChanged) event).spec();
            assertThat(spec.get("env").properties()).as("env names kept, values masked: " + event.eventType())
                    .allSatisfy(e -> assertThat(e.getValue().asText()).isEqualTo(Redactor.MASK))
                    .extracting(Map.Entry::getKey).containsExactlyInAnyOrderElementsOf(original.env().keySet());
            assertThat(spec.get("headers").properties()).as("header names kept, values masked, short ones too")
                    .allSatisfy(e -> assertThat(e.getValue().asText()).isEqualTo(Redactor.MASK))
                    .extracting(Map.Entry::getKey).containsExactlyInAnyOrderElementsOf(original.headers().keySet());
            for (String secret : secrets()) assertThat(Json.write(copy)).as("published copy").doesNotContain(secret);
            assertThat(Json.write(stored)).as("the stored event is not touched").isEqualTo(storedJson);
            assertThat(new ProviderEventCodec().decode(copy).eventType()).as("still a readable event")
                    .isEqualTo(event.eventType());
            assertThat(copy.eventId()).isEqualTo(stored.eventId());
        }
    }

    @Test
    void free_text_of_published_events_is_redacted_and_an_enum_reason_is_left_alone() {
        PublishedEvents published = new PublishedEvents(Redactor.forConfig(harness.config));
        String quoted = "upstream said Authorization: Bearer " + PROVIDER_TOKEN + " password=" + DB_PASSWORD + " " + JWT;

        List<EventEnvelope> copies = List.of(
                new ProviderEvent.ProviderStartFailed("leaky", quoted, 1),
                new ProviderEvent.HealthCheckFailed("leaky", 2, quoted),
                new ProviderEvent.ProviderDegraded("leaky", 3, quoted),
                new ProviderEvent.ProviderStopped("leaky", StopReason.FAILURE, quoted)).stream()
                .map(e -> published.published(envelope(e))).toList();

        for (EventEnvelope copy : copies) {
            for (String secret : secrets()) assertThat(Json.write(copy)).as(copy.eventType()).doesNotContain(secret);
            assertThat(Json.write(copy)).as("what happened is still told").contains("upstream said", Redactor.MASK);
        }
        assertThat(copies.get(3).data().get("reason").asText()).as("ProviderStopped v2's reason is an enum")
                .isEqualTo("failure");
    }

    @Test
    void stored_event_observers_see_the_published_copy_while_the_store_keeps_the_values() {
        List<EventEnvelope> observed = new ArrayList<>();
        InMemoryEventStore store = new InMemoryEventStore();
        ProviderRepository providers = new ProviderRepository(new ObservedEventStore(store,
                List.of(new PublishedEvents(Redactor.forConfig(harness.config)).observing(observed::addAll))),
                Clock.systemUTC());

        providers.execute("leaky", new ProviderCommand.Register(harness.config.providers().get("leaky")), "t", null);

        assertThat(observed).singleElement().satisfies(e -> assertThat(e.data().at("/spec/headers/Authorization").asText())
                .isEqualTo(Redactor.MASK));
        assertThat(store.read("provider#leaky", 0)).singleElement().as("the system of record keeps the credentials")
                .satisfies(e -> {
                    assertThat(e.data().at("/spec/headers/Authorization").asText()).isEqualTo("Bearer " + PROVIDER_TOKEN);
                    assertThat(e.data().at("/spec/env/DB_PASSWORD").asText()).isEqualTo(DB_PASSWORD);
                });
    }

    @Test
    void a_parked_stream_record_carries_the_published_copy_of_its_data() {
        PublishedEvents published = new PublishedEvents(Redactor.forConfig(harness.config));
        EventEnvelope stored = envelope(new ProviderEvent.ProviderRegistered("leaky", harness.config.providers().get("leaky")));
        Map<String, String> image = Map.of("event_type", stored.eventType(), "event_id", stored.eventId().toString(),
                "data", Json.write(stored.data()));
        Map<String, String> unreadable = Map.of("event_type", "ProviderRegistered", "data",
                "{\"spec\": {\"headers\": {\"Authorization\": \"Bearer " + PROVIDER_TOKEN + "\"");

        Map<String, String> parked = published.deadLetterImage(image);

        assertThat(Json.parse(parked.get("data")).at("/spec/env/DB_PASSWORD").asText()).isEqualTo(Redactor.MASK);
        assertThat(parked.get("event_id")).isEqualTo(stored.eventId().toString());
        assertThat(published.deadLetterImage(unreadable).get("data")).as("unreadable data is redacted as text")
                .doesNotContain(PROVIDER_TOKEN).contains(Redactor.MASK);
        for (String secret : secrets()) assertThat(parked.toString()).doesNotContain(secret);
    }

    private static EventEnvelope envelope(ProviderEvent event) {
        return new ProviderEventCodec().encode(event, UUID.randomUUID(), Instant.parse("2026-03-02T08:00:00Z"), "c")
                .at("provider#" + event.provider(), 0);
    }
}
