package dev.jetway.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.ProviderUnavailableException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {

    static final GatewayConfig CONFIG = ConfigLoader.parse("""
            gateway:
              allowed_hosts: ["*"]
              warm_on_start: true
            providers:
              everything:
                mode: remote
                url: http://127.0.0.1:9/mcp
            """, "priming-test.yaml");

    @Test
    void theHookAnswersDiscoveryAListAndACallThroughTheBufferedPath() {
        SnapStartPriming priming = new SnapStartPriming();

        List<Integer> statuses = priming.prime();

        assertThat(statuses).as("server/discover, tools/list and a tools/call (answered in a buffered event stream)"
                + " all reached the front door's success path").containsExactly(200, 200, 200);
    }

    @Test
    void theHookStartsNoProviderAndWritesNoSession() throws Exception {
        // given the function wired as in production (a provider that warm_on_start would start)
        List<String> connects = new CopyOnWriteArrayList<>();
        ProviderConnector connector = (name, spec, listener) -> {
            connects.add(name);
            throw new ProviderUnavailableException(name, "this test starts no provider");
        };
        RecordingSessionStore functionSessions = new RecordingSessionStore();
        LambdaGateway function = new LambdaGateway(CONFIG, connector, functionSessions, Clock.systemUTC());
        RecordingSessionStore primingSessions = new RecordingSessionStore();
        SnapStartPriming priming = new SnapStartPriming(primingSessions);

        // when SnapStart calls the hook before its snapshot
        priming.beforeCheckpoint(null);

        // then
        assertThat(connects).as("no provider was started (a started provider would be cloned into every "
                + "restored instance, and its connection would be dead after restore)").isEmpty();
        assertThat(functionSessions.writes).as("the function's session store was not written").isEmpty();
        assertThat(primingSessions.writes).as("the priming round creates no session, so no session id and no "
                + "SecureRandom state end up in the snapshot").isEmpty();
        assertThat(function.gateway().describeState("everything")).isEqualTo("COLD");
    }

    @Test
    void registeringTheHookOutsideACracRuntimeIsHarmless() {
        assertThat(SnapStartPriming.register()).isNotNull();
    }
}
