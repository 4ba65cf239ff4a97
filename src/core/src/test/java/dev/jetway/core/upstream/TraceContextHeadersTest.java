package dev.jetway.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trace context hook may add trace headers to a provider request and nothing else. */
class TraceContextHeadersTest {

    static final String TRACEPARENT = "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01";

    @Test
    void traceparentAndTracestateGoBesideTheConfiguredHeaders() {
        TraceContextHeaders hook = () -> Map.of("traceparent", TRACEPARENT, "tracestate", "vendor=1");

        assertThat(hook.besides(Map.of("Authorization", "Bearer provider-secret")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("traceparent", TRACEPARENT, "tracestate", "vendor=1"));
    }

    @Test
    void theHookCannotAddOrReplaceAuthorizationOrAnyOtherHeader() {
        Map<String, String> supplied = new LinkedHashMap<>();
        supplied.put("Authorization", "Bearer from-the-hook");
        supplied.put("Mcp-Session-Id", "forged");
        supplied.put("X-Api-Key", "forged");
        supplied.put("traceparent", TRACEPARENT);
        TraceContextHeaders hook = () -> supplied;

        assertThat(hook.besides(Map.of())).as("only W3C Trace Context headers pass, whatever the hook returns")
                .containsExactlyEntriesOf(Map.of("traceparent", TRACEPARENT));
    }

    @Test
    void aTraceHeaderTheProviderIsConfiguredWithWinsInAnyCase() {
        TraceContextHeaders hook = () -> Map.of("traceparent", TRACEPARENT, "tracestate", "vendor=1");

        assertThat(hook.besides(Map.of("TraceState", "configured=1"))).as("a configured header is never sent twice")
                .containsExactlyEntriesOf(Map.of("traceparent", TRACEPARENT));
    }

    @Test
    void aValueAHeaderCannotCarryIsDroppedNotSent() {
        TraceContextHeaders hook = () -> Map.of("traceparent", TRACEPARENT + "\r\nAuthorization: Bearer x", "tracestate", " ");

        assertThat(hook.besides(Map.of())).as("no header injection through the hook's values").isEmpty();
    }

    @Test
    void aFailingHookCostsTheRequestOnlyItsTraceHeaders() {
        TraceContextHeaders hook = () -> {
            throw new IllegalStateException("no context");
        };

        assertThat(hook.besides(Map.of())).isEmpty();
        assertThat(TraceContextHeaders.NONE.besides(Map.of("Authorization", "Bearer x"))).isEmpty();
    }
}
