package dev.jetway.core.domain.provider;

import static dev.jetway.core.domain.provider.ProviderDecider.decide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.domain.provider.ProviderCommand.ChangeConfig;
import dev.jetway.core.domain.provider.ProviderCommand.CloseCircuit;
import dev.jetway.core.domain.provider.ProviderCommand.HalfOpenCircuit;
import dev.jetway.core.domain.provider.ProviderCommand.MarkStartFailed;
import dev.jetway.core.domain.provider.ProviderCommand.MarkStarted;
import dev.jetway.core.domain.provider.ProviderCommand.OpenCircuit;
import dev.jetway.core.domain.provider.ProviderCommand.RecordHealthCheck;
import dev.jetway.core.domain.provider.ProviderCommand.Register;
import dev.jetway.core.domain.provider.ProviderCommand.Remove;
import dev.jetway.core.domain.provider.ProviderCommand.RequestStart;
import dev.jetway.core.domain.provider.ProviderCommand.Stop;
import dev.jetway.core.domain.provider.ProviderEvent.CircuitOpened;
import dev.jetway.core.domain.provider.ProviderEvent.HealthCheckFailed;
import dev.jetway.core.domain.provider.ProviderEvent.HealthCheckPassed;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderDegraded;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderRecovered;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderRemoved;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderStartRequested;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderStopped;
import dev.jetway.core.domain.provider.ProviderEvent.ToolSchemaVersionCreated;
import dev.jetway.core.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderDeciderTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
    static final ProviderSpec SPEC = ProviderSpec.subprocess("node", "server.js");

    /** Applies commands one after another, as the repository does, and returns the final state. */
    static Provider given(ProviderCommand... commands) {
        Provider p = Provider.unregistered("math");
        for (ProviderCommand c : commands) {
            for (ProviderEvent e : decide(p, c, CLOCK)) p = ProviderDecider.evolve(p, e);
        }
        return p;
    }

    static Provider ready() {
        return given(new Register(SPEC), new RequestStart(), new MarkStarted("stdio", 3, Duration.ofMillis(420)));
    }

    @Test
    void aRegisteredProviderStartsColdAndWalksToReady() {
        Provider registered = given(new Register(SPEC));
        assertThat(registered.state()).isEqualTo(LifecycleState.COLD);
        assertThat(registered.version()).as("one event folded").isZero();

        Provider starting = given(new Register(SPEC), new RequestStart());
        assertThat(starting.state()).isEqualTo(LifecycleState.INITIALIZING);
        assertThat(starting.startAttempts()).isEqualTo(1);

        Provider ready = ready();
        assertThat(ready.state()).isEqualTo(LifecycleState.READY);
        assertThat(ready.toolsCount()).isEqualTo(3);
        assertThat(ready.endpoint()).isEqualTo("stdio");
    }

    @Test
    void requestingStartOfAStartingOrReadyProviderDecidesNothingSoOnlyOneCallerStartsIt() {
        assertThat(decide(given(new Register(SPEC), new RequestStart()), new RequestStart(), CLOCK)).isEmpty();
        assertThat(decide(ready(), new RequestStart(), CLOCK)).isEmpty();
    }

    @Test
    void markingAColdProviderStartedIsAnInvalidTransitionNamingBothStates() {
        Provider cold = given(new Register(SPEC));

        assertThatThrownBy(() -> decide(cold, new MarkStarted("x", 0, Duration.ZERO), CLOCK))
                .isInstanceOfSatisfying(InvalidTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(LifecycleState.COLD);
                    assertThat(e.to()).isEqualTo(LifecycleState.READY);
                    assertThat(e.getMessage()).contains("COLD", "READY", "math");
                });
    }

    @Test
    void aStartFailureLeavesTheProviderDeadAndARetryStartsItAgain() {
        Provider dead = given(new Register(SPEC), new RequestStart(), new MarkStartFailed("ENOENT: node"));
        assertThat(dead.state()).isEqualTo(LifecycleState.DEAD);
        assertThat(dead.lastError()).isEqualTo("ENOENT: node");

        List<ProviderEvent> retry = decide(dead, new RequestStart(), CLOCK);
        assertThat(retry).containsExactly(new ProviderStartRequested("math", 2, CLOCK.instant()));
    }

    @Test
    void markingAReadyProviderFailedToStartIsInvalid() {
        assertThatThrownBy(() -> decide(ready(), new MarkStartFailed("late"), CLOCK))
                .isInstanceOf(InvalidTransitionException.class);
    }

    @Test
    void stoppingAReadyProviderTakesItBackToColdWithTheReason() {
        Provider idle = given(new Register(SPEC), new RequestStart(), new MarkStarted("stdio", 1, Duration.ZERO),
                new Stop(StopReason.IDLE, "idle for 300 s"));
        assertThat(idle.state()).isEqualTo(LifecycleState.COLD);
        assertThat(idle.lastStopReason()).isEqualTo(StopReason.IDLE);
        assertThat(idle.endpoint()).isNull();
    }

    @Test
    void aFailureStopLeavesTheProviderDeadAndStoppingAColdProviderDoesNothing() {
        Provider dead = given(new Register(SPEC), new RequestStart(), new MarkStarted("stdio", 1, Duration.ZERO),
                new Stop(StopReason.FAILURE, "exit code 1"));
        assertThat(dead.state()).isEqualTo(LifecycleState.DEAD);
        assertThat(decide(given(new Register(SPEC)), new Stop(StopReason.MANUAL, null), CLOCK)).isEmpty();
    }

    @Test
    void consecutiveHealthFailuresDegradeAReadyProviderAtTheConfiguredThreshold() {
        Provider p = ready();
        int max = SPEC.maxConsecutiveFailures();
        for (int i = 1; i < max; i++) {
            List<ProviderEvent> events = decide(p, RecordHealthCheck.fail("timeout"), CLOCK);
            assertThat(events).as("failure %d of %d only counts", i, max)
                    .containsExactly(new HealthCheckFailed("math", i, "timeout"));
            p = ProviderDecider.evolve(p, events.get(0));
        }
        List<ProviderEvent> last = decide(p, RecordHealthCheck.fail("timeout"), CLOCK);

        assertThat(last).hasSize(2).element(1).isInstanceOf(ProviderDegraded.class);
        for (ProviderEvent e : last) p = ProviderDecider.evolve(p, e);
        assertThat(p.state()).isEqualTo(LifecycleState.DEGRADED);
    }

    @Test
    void aPassingHealthCheckIsAnEventOnlyWhenItResetsFailuresAndItRecoversADegradedProvider() {
        assertThat(decide(ready(), RecordHealthCheck.pass(), CLOCK)).as("nothing changes").isEmpty();

        Provider degraded = ready();
        for (int i = 0; i < SPEC.maxConsecutiveFailures(); i++) {
            for (ProviderEvent e : decide(degraded, RecordHealthCheck.fail("x"), CLOCK)) {
                degraded = ProviderDecider.evolve(degraded, e);
            }
        }
        List<ProviderEvent> pass = decide(degraded, RecordHealthCheck.pass(), CLOCK);

        assertThat(pass).containsExactly(new HealthCheckPassed("math", SPEC.maxConsecutiveFailures()),
                new ProviderRecovered("math"));
    }

    @Test
    void aDegradedProviderCanBeRestarted() {
        Provider degraded = ready();
        for (int i = 0; i < SPEC.maxConsecutiveFailures(); i++) {
            for (ProviderEvent e : decide(degraded, RecordHealthCheck.fail("x"), CLOCK)) {
                degraded = ProviderDecider.evolve(degraded, e);
            }
        }
        assertThat(decide(degraded, new RequestStart(), CLOCK)).hasOnlyElementsOfType(ProviderStartRequested.class);
    }

    @Test
    void healthResultsForAProviderThatIsNotRunningAreIgnoredAsStale() {
        assertThat(decide(given(new Register(SPEC)), RecordHealthCheck.fail("late"), CLOCK)).isEmpty();
    }

    @Test
    void removingARunningProviderStopsItFirst() {
        assertThat(decide(ready(), new Remove(), CLOCK))
                .containsExactly(new ProviderStopped("math", StopReason.REMOVED, null), new ProviderRemoved("math"));
        assertThat(decide(given(new Register(SPEC)), new Remove(), CLOCK)).containsExactly(new ProviderRemoved("math"));
    }

    @Test
    void commandsToAnUnknownOrRemovedProviderAreRejected() {
        assertThatThrownBy(() -> decide(Provider.unregistered("ghost"), new RequestStart(), CLOCK))
                .isInstanceOf(ProviderCommandRejectedException.class).hasMessageContaining("not registered");
        Provider removed = given(new Register(SPEC), new Remove());
        assertThatThrownBy(() -> decide(removed, new RequestStart(), CLOCK))
                .isInstanceOf(ProviderCommandRejectedException.class).hasMessageContaining("removed");
        assertThat(given(new Register(SPEC), new Remove(), new Register(SPEC)).registered())
                .as("a removed provider can be registered again").isTrue();
    }

    @Test
    void registeringTheSameSpecTwiceIsANoOpAndADifferentSpecNeedsChangeConfig() {
        Provider registered = given(new Register(SPEC));
        assertThat(decide(registered, new Register(SPEC), CLOCK)).isEmpty();
        ProviderSpec other = ProviderSpec.remote("https://mcp.example.com/mcp");
        assertThatThrownBy(() -> decide(registered, new Register(other), CLOCK))
                .isInstanceOf(ProviderCommandRejectedException.class).hasMessageContaining("ChangeConfig");
        assertThat(given(new Register(SPEC), new ChangeConfig(other)).spec()).isEqualTo(other);
        assertThat(decide(registered, new ChangeConfig(SPEC), CLOCK)).as("same spec").isEmpty();
    }

    @Test
    void theCircuitOpensWithARetryTimeFromTheClockHalfOpensAndCloses() {
        Provider p = ready();
        List<ProviderEvent> open = decide(p, new OpenCircuit(5, Duration.ofSeconds(30)), CLOCK);
        assertThat(open).containsExactly(new CircuitOpened("math", 5, Instant.parse("2026-11-21T10:00:30Z")));
        p = ProviderDecider.evolve(p, open.get(0));
        assertThat(p.circuit()).isEqualTo(CircuitStatus.OPEN);

        Provider openCircuit = p;
        assertThatThrownBy(() -> decide(openCircuit, new CloseCircuit(), CLOCK))
                .as("an OPEN circuit closes only through a half-open trial")
                .isInstanceOf(ProviderCommandRejectedException.class);

        p = ProviderDecider.evolve(p, decide(p, new HalfOpenCircuit(), CLOCK).get(0));
        assertThat(p.circuit()).isEqualTo(CircuitStatus.HALF_OPEN);
        p = ProviderDecider.evolve(p, decide(p, new CloseCircuit(), CLOCK).get(0));
        assertThat(p.circuit()).isEqualTo(CircuitStatus.CLOSED);
        assertThat(p.circuitRetryAt()).isNull();
    }

    @Test
    void aToolSchemaVersionCreatedOnAnOldProviderStreamStillFoldsIntoTheProjection() {
        // Versions now live in the schema ledger's own streams; provider streams written before keep these events.
        String hash = "a".repeat(64);
        Provider p = ProviderDecider.evolve(ready(), new ToolSchemaVersionCreated("math", "tools/list", 3,
                hash.substring(0, 16), hash, Json.parse("{\"tools\":[]}")));

        assertThat(p.schemaVersions().get("tools/list"))
                .isEqualTo(new Provider.SchemaRef(3, hash.substring(0, 16), hash));
    }

    @Test
    void aStartStillInitializingIsRequestedAgainOnlyWithATakeoverBudgetThatHasPassed() {
        Provider starting = ProviderDecider.evolve(ProviderDecider.replay("math",
                List.of(new ProviderEvent.ProviderRegistered("math", ProviderSpec.subprocess("math")))),
                new ProviderStartRequested("math", 1, CLOCK.instant().minusSeconds(61)));

        assertThat(decide(starting, new ProviderCommand.RequestStart(), CLOCK)).as("without a budget: wait").isEmpty();
        assertThat(decide(starting, new ProviderCommand.RequestStart(java.time.Duration.ofSeconds(120)), CLOCK))
                .as("within the budget").isEmpty();
        assertThat(decide(starting, new ProviderCommand.RequestStart(java.time.Duration.ofSeconds(60)), CLOCK))
                .as("past the budget: taken over").containsExactly(new ProviderStartRequested("math", 2, CLOCK.instant()));
    }
}
