package dev.jetway.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.config.LifecycleSettings;
import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.domain.provider.ProviderCommand;
import dev.jetway.core.registry.ProviderRepository;
import dev.jetway.core.testing.SettableClock;
import dev.jetway.core.upstream.UpstreamSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A provider left INITIALIZING by a gateway instance that died during the start: after the start
 * takeover budget a later caller takes the start over, through the same conditional append.
 */
class StartTakeoverTest {

    final SettableClock clock = SettableClock.at("2026-11-21T10:00:00Z");
    final RecordingStore store = new RecordingStore();
    final ScriptedLauncher launcher = new ScriptedLauncher();
    /** Callers wait this long for a start: long enough for a scripted start on a busy machine. */
    Duration startWait = Duration.ofSeconds(10);

    EventSourcedLifecycle instance() {
        LifecycleSettings settings = new LifecycleSettings(startWait, 5, Duration.ofSeconds(30), true, Duration.ofSeconds(60));
        return Lifecycles.of(store, launcher, clock, settings, Map.of("alpha", Lifecycles.ALPHA));
    }

    /** Another instance claimed the start at the current time, then vanished without a word. */
    void startClaimedByAnInstanceThatDies() {
        new ProviderRepository(store, clock).execute("alpha", new ProviderCommand.RequestStart(), "dead-instance", null);
    }

    @Test
    void withinTheTakeoverBudgetCallersWaitForTheStartThatIsUnderWay() {
        startWait = Duration.ofMillis(200);
        EventSourcedLifecycle lifecycle = instance();
        startClaimedByAnInstanceThatDies();
        clock.advance(Duration.ofSeconds(59));

        assertThatThrownBy(() -> lifecycle.acquire("alpha")).isInstanceOf(ProviderNotReadyException.class)
                .hasMessageContaining("INITIALIZING");
        assertThat(launcher.starts.get()).as("nobody launches a start that may still be running").isZero();
    }

    @Test
    void pastTheTakeoverBudgetACallerTakesTheStartOverAndTheProviderBecomesReady() {
        EventSourcedLifecycle lifecycle = instance();
        startClaimedByAnInstanceThatDies();
        clock.advance(Duration.ofSeconds(60));

        UpstreamSession session = lifecycle.acquire("alpha");

        assertThat(session).isSameAs(launcher.last);
        assertThat(lifecycle.refresh("alpha").state()).isEqualTo(LifecycleState.READY);
        assertThat(store.eventTypes("alpha")).containsExactly("ProviderRegistered", "ProviderStartRequested",
                "ProviderStartRequested", "ProviderStarted");
        assertThat(store.delegate.read("provider#alpha").get(2).data().get("requested_at").asText())
                .as("the takeover records when it began").isEqualTo("2026-11-21T10:01:00Z");
        Lifecycles.assertReplayReproduces(store, lifecycle, clock);
    }

    @Test
    void whenManyCallersOnTwoInstancesFindTheStaleStartExactlyOneTakesItOver() throws Exception {
        EventSourcedLifecycle first = instance();
        EventSourcedLifecycle second = instance();
        startClaimedByAnInstanceThatDies();
        clock.advance(Duration.ofMinutes(5));

        List<Object> outcomes = LazyStartSingleFlightTest.releaseTogether(8,
                i -> (i % 2 == 0 ? first : second).acquire("alpha"));

        assertThat(launcher.starts.get()).as("the conditional append lets one caller take over").isEqualTo(1);
        assertThat(store.eventTypes("alpha")).containsExactly("ProviderRegistered", "ProviderStartRequested",
                "ProviderStartRequested", "ProviderStarted");
        assertThat(outcomes).as("callers get the session, or a retryable not-ready error while the takeover runs")
                .allMatch(o -> o instanceof UpstreamSession || o instanceof ProviderNotReadyException);
    }
}
