package dev.jetway.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.domain.provider.InvalidTransitionException;
import dev.jetway.core.domain.provider.LifecycleState;
import dev.jetway.core.domain.provider.Provider;
import dev.jetway.core.domain.provider.ProviderCommand;
import dev.jetway.core.domain.provider.ProviderCommand.MarkStarted;
import dev.jetway.core.domain.provider.ProviderCommand.Register;
import dev.jetway.core.domain.provider.ProviderCommand.RequestStart;
import dev.jetway.core.domain.provider.ProviderCommandRejectedException;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderStartRequested;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.domain.provider.StopReason;
import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.eventstore.NewEvent;
import dev.jetway.core.eventstore.WrongExpectedVersionException;
import dev.jetway.core.json.CanonicalJson;
import dev.jetway.core.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider registry over a real event store: commands become events plus a projection written
 * together, and replaying the streams reproduces the projections exactly. Every store runs it.
 */
public abstract class ProviderRegistryContract {

    protected abstract EventStore newStore();

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
    static final ProviderSpec SPEC = ProviderSpec.subprocess("node", "server.js");

    EventStore store;
    ProviderRepository repository;
    String prefix;

    @BeforeEach
    void setUp() {
        store = newStore();
        repository = new ProviderRepository(store, CLOCK);
        prefix = "r" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    @Test
    void aCommandStoresItsEventsAndTheNewStateAsTheProjection() {
        String name = prefix + "math";
        repository.execute(name, new Register(SPEC), "corr-1", null);
        CommandResult started = repository.execute(name, new RequestStart(), "corr-2", null);

        assertThat(started.provider().state()).isEqualTo(LifecycleState.INITIALIZING);
        assertThat(started.appended()).singleElement().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo("ProviderStartRequested");
            assertThat(e.streamVersion()).isEqualTo(1);
            assertThat(e.correlationId()).isEqualTo("corr-2");
        });
        assertThat(CanonicalJson.of(store.projection(Provider.streamIdOf(name)).orElseThrow().state()))
                .as("the projection is the state after the command")
                .isEqualTo(CanonicalJson.of(Json.toObject(started.provider())));
        assertThat(repository.load(name)).isEqualTo(started.provider());
    }

    @Test
    void aCommandThatChangesNothingStoresNothing() {
        String name = prefix + "idem";
        repository.execute(name, new Register(SPEC), null, null);
        CommandResult again = repository.execute(name, new Register(SPEC), null, null);

        assertThat(again.appended()).isEmpty();
        assertThat(store.read(Provider.streamIdOf(name))).hasSize(1);
    }

    @Test
    void aRefusedCommandStoresNothing() {
        String name = prefix + "refused";
        repository.execute(name, new Register(SPEC), null, null);

        assertThatThrownBy(() -> repository.execute(name, new MarkStarted("x", 1, Duration.ZERO), null, null))
                .isInstanceOf(InvalidTransitionException.class);
        assertThat(store.read(Provider.streamIdOf(name))).hasSize(1);
    }

    @Test
    void twoWritersDecidingOnTheSameVersionCannotBothWin() {
        String name = prefix + "race";
        repository.execute(name, new Register(SPEC), null, null);
        ProviderRepository other = new ProviderRepository(store, CLOCK);
        Provider seenByBoth = repository.load(name);

        repository.execute(name, new RequestStart(), "winner", null);
        // The loser decided on the version both saw; its append must be refused, not silently stacked.
        NewEvent loserEvent = new ProviderEventCodec().encode(new ProviderStartRequested(name, 1),
                UUID.randomUUID(), CLOCK.instant(), "loser");
        assertThatThrownBy(() -> store.append(AppendRequest.of(seenByBoth.streamId(), seenByBoth.version(),
                List.of(loserEvent))))
                .isInstanceOf(WrongExpectedVersionException.class);
        assertThat(other.load(name).startAttempts()).as("exactly one start was requested").isEqualTo(1);
    }

    /**
     * Replays all streams after a long random walk of commands (seeded, so a failure can be
     * reproduced from the printed seed) and requires every stored projection to equal the replay.
     */
    @Test
    void replayingEveryStreamReproducesTheStoredProjectionsExactly() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<String> names = List.of(prefix + "a", prefix + "b", prefix + "c", prefix + "d");
        int applied = 0;
        int refused = 0;
        for (int step = 0; step < 600; step++) {
            String name = names.get(random.nextInt(names.size()));
            try {
                CommandResult r = repository.execute(name, randomCommand(random), "step-" + step, null);
                applied += r.appended().size();
            } catch (InvalidTransitionException | ProviderCommandRejectedException e) {
                refused++;
            }
        }

        ProjectionRebuilder.Report report = new ProjectionRebuilder(store, repository).rebuild();
        System.out.printf("[%s] rebuild: seed=%d events=%d refused=%d providers=%d mismatches=%d%n",
                getClass().getSimpleName(), seed, applied, refused, names.size(), report.mismatches().size());

        assertThat(applied).as("the walk did real work (seed %d)", seed).isGreaterThan(50);
        assertThat(report.mismatches()).as("projections that differ from the replay (seed %d)", seed).isEmpty();
        for (String name : names) {
            if (store.read(Provider.streamIdOf(name)).isEmpty()) continue;
            assertThat(report.providers()).containsEntry(name, repository.load(name));
        }
    }

    @Test
    void aProjectionThatDriftedFromItsEventsIsReported() {
        String name = prefix + "drift";
        repository.execute(name, new Register(SPEC), null, null);
        // Append an event without its projection: the stored state is now one version behind.
        List<EventEnvelope> history = store.read(Provider.streamIdOf(name));
        var codec = new ProviderEventCodec();
        store.append(AppendRequest.of(Provider.streamIdOf(name), 0, List.of(
                codec.encode(new ProviderStartRequested(name, 1), UUID.randomUUID(), CLOCK.instant(), null))));

        ProjectionRebuilder.Report report = new ProjectionRebuilder(store, repository).rebuild();

        assertThat(history).hasSize(1);
        assertThat(report.mismatches()).extracting(ProjectionRebuilder.Mismatch::provider).contains(name);
        assertThat(repository.load(name).state()).as("load catches up from the projection with later events")
                .isEqualTo(LifecycleState.INITIALIZING);
    }

    private static ProviderCommand randomCommand(Random random) {
        return switch (random.nextInt(13)) {
            case 0 -> new Register(SPEC);
            case 1 -> new ProviderCommand.ChangeConfig(random.nextBoolean() ? SPEC : ProviderSpec.remote("https://x.example/mcp"));
            case 2 -> new ProviderCommand.Remove();
            case 3, 4 -> new RequestStart();
            case 5 -> new MarkStarted("stdio", random.nextInt(10), Duration.ofMillis(random.nextInt(5000)));
            case 6 -> new ProviderCommand.MarkStartFailed("failure " + random.nextInt(3));
            case 7 -> new ProviderCommand.Stop(StopReason.values()[random.nextInt(StopReason.values().length)], "why");
            case 8 -> random.nextBoolean() ? ProviderCommand.RecordHealthCheck.pass()
                    : ProviderCommand.RecordHealthCheck.fail("timeout");
            case 9 -> new ProviderCommand.OpenCircuit(5, Duration.ofSeconds(30));
            case 10 -> new ProviderCommand.HalfOpenCircuit();
            case 11 -> new ProviderCommand.CloseCircuit();
            default -> new ProviderCommand.RecordUse();
        };
    }
}
