package dev.jetway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.mcp.FrontDoorResponse;
import dev.jetway.core.telemetry.EventSink;
import dev.jetway.core.telemetry.TelemetryEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * not appear in anything that leaves the process: stderr, JDK log records, error bodies, telemetry.
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
}
