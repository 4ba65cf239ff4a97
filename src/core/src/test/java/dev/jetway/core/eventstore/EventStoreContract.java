package dev.jetway.core.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link EventStore} promises. Each implementation extends this class once; no test here
 * may be skipped by an implementation.
 */
public abstract class EventStoreContract {

    /** A store with no streams in it; called before every test. */
    protected abstract EventStore newStore();

    protected EventStore store;
    private final AtomicInteger streamCounter = new AtomicInteger();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    protected String freshStream() {
        return "provider#contract-" + UUID.randomUUID().toString().substring(0, 8) + "-" + streamCounter.incrementAndGet();
    }

    protected static NewEvent event(String type, int n) {
        ObjectNode data = Json.object().put("n", n).put("text", "ünïcødé ✓");
        data.putObject("nested").putArray("list").add(1).add(2.5).add("three");
        return new NewEvent(UUID.randomUUID(), type, 1, Instant.now().truncatedTo(ChronoUnit.MILLIS), "corr-" + n, data);
    }

    protected static List<NewEvent> events(int count) {
        List<NewEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(event("Thing" + i, i));
        return out;
    }

    @Test
    void appendsToANewStreamAndReadsTheEventsBackInOrderWithTheirEnvelopes() {
        String stream = freshStream();
        List<NewEvent> written = events(3);

        AppendResult result = store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, written));

        assertThat(result.lastVersion()).as("last version of a 3-event first append").isEqualTo(2);
        assertThat(result.replayed()).isFalse();
        List<EventEnvelope> read = store.read(stream);
        assertThat(read).as("envelopes read back equal what was written, positioned 0..2")
                .containsExactly(written.get(0).at(stream, 0), written.get(1).at(stream, 1), written.get(2).at(stream, 2));
    }

    @Test
    void readsFromAVersionReturnTheTailOnly() {
        String stream = freshStream();
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(5)));

        assertThat(store.read(stream, 3)).extracting(EventEnvelope::streamVersion).containsExactly(3L, 4L);
        assertThat(store.read(stream, 5)).as("reading past the head").isEmpty();
    }

    @Test
    void anUnknownStreamReadsEmptyAndHasNoProjection() {
        String stream = freshStream();

        assertThat(store.read(stream)).isEmpty();
        assertThat(store.projection(stream)).isEmpty();
    }

    @Test
    void consecutiveAppendsContinueTheVersionSequence() {
        String stream = freshStream();
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(1)));
        store.append(AppendRequest.of(stream, 0, events(2)));
        AppendResult third = store.append(AppendRequest.of(stream, 2, events(1)));

        assertThat(third.lastVersion()).isEqualTo(3);
        assertThat(store.read(stream)).extracting(EventEnvelope::streamVersion).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void appendingAsANewStreamToAnExistingStreamIsRefusedWithTheActualVersion() {
        String stream = freshStream();
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(2)));

        assertThatThrownBy(() -> store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(1))))
                .isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> {
                    assertThat(e.streamId()).isEqualTo(stream);
                    assertThat(e.expectedVersion()).isEqualTo(-1);
                    assertThat(e.actualVersion()).as("the version the stream really has").isEqualTo(1);
                });
        assertThat(store.read(stream)).as("the refused append wrote nothing").hasSize(2);
    }

    @Test
    void aStaleExpectedVersionIsRefusedAndWritesNothing() {
        String stream = freshStream();
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(3)));

        assertThatThrownBy(() -> store.append(AppendRequest.of(stream, 0, events(2))))
                .isInstanceOf(WrongExpectedVersionException.class);
        assertThat(store.read(stream)).hasSize(3);
    }

    @Test
    void anExpectedVersionAheadOfTheStreamIsRefusedSoThatNoGapAppears() {
        String stream = freshStream();
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(1)));

        assertThatThrownBy(() -> store.append(AppendRequest.of(stream, 4, events(1))))
                .isInstanceOf(WrongExpectedVersionException.class);
        assertThatThrownBy(() -> store.append(AppendRequest.of(freshStream(), 0, events(1))))
                .as("an expected version on a stream that does not exist")
                .isInstanceOf(WrongExpectedVersionException.class);
        assertThat(store.read(stream)).hasSize(1);
    }

    @Test
    void theProjectionIsWrittenWithTheEventsAndNotByARefusedAppend() {
        String stream = freshStream();
        ObjectNode first = Json.object().put("state", "COLD");
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(2)).withProjection(first));

        assertThat(store.projection(stream)).hasValueSatisfying(p -> {
            assertThat(p.version()).as("projection version = last event version").isEqualTo(1);
            assertThat(p.state()).isEqualTo(first);
        });

        ObjectNode lost = Json.object().put("state", "LOST");
        assertThatThrownBy(() -> store.append(AppendRequest.of(stream, 0, events(1)).withProjection(lost)))
                .isInstanceOf(WrongExpectedVersionException.class);
        assertThat(store.projection(stream).orElseThrow().state())
                .as("a refused append leaves the projection as it was").isEqualTo(first);

        ObjectNode second = Json.object().put("state", "READY");
        store.append(AppendRequest.of(stream, 1, events(1)).withProjection(second));
        assertThat(store.projection(stream).orElseThrow()).extracting(StoredProjection::version, StoredProjection::state)
                .containsExactly(2L, second);
    }

    @Test
    void anAppendWithoutAProjectionLeavesTheLastProjectionInPlace() {
        String stream = freshStream();
        ObjectNode state = Json.object().put("state", "COLD");
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(1)).withProjection(state));
        store.append(AppendRequest.of(stream, 0, events(1)));

        assertThat(store.projection(stream).orElseThrow().version())
                .as("the projection says which version it reflects, so readers can catch up").isEqualTo(0);
    }

    @Test
    void aRetriedMultiEventAppendWithTheSameTokenStoresTheEventsOnce() {
        String stream = freshStream();
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(1)));
        AppendRequest batch = AppendRequest.of(stream, 0, events(3)).withIdempotencyToken("retry-token-1");

        AppendResult first = store.append(batch);
        AppendResult retry = store.append(batch);

        assertThat(first).isEqualTo(new AppendResult(3, false));
        assertThat(retry).as("the retry reports the original result and that it was a replay")
                .isEqualTo(new AppendResult(3, true));
        assertThat(store.read(stream)).as("no event stored twice").hasSize(4)
                .extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
    }

    @Test
    void aRetryWithTheSameTokenButFreshEventIdsIsStillRecognised() {
        String stream = freshStream();
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(2)).withIdempotencyToken("tok-2"));

        AppendResult retry = store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(2))
                .withIdempotencyToken("tok-2"));

        assertThat(retry.replayed()).isTrue();
        assertThat(store.read(stream)).hasSize(2);
    }

    @Test
    void aTokenReusedForAnAppendOfAnotherSizeIsRefused() {
        String stream = freshStream();
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(2)).withIdempotencyToken("tok-3"));

        assertThatThrownBy(() -> store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(3))
                .withIdempotencyToken("tok-3")))
                .isInstanceOf(IdempotencyTokenReusedException.class);
        assertThat(store.read(stream)).hasSize(2);
    }

    @Test
    void aDifferentTokenOnAStaleVersionIsAnOrdinaryConflict() {
        String stream = freshStream();
        store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(1)).withIdempotencyToken("tok-a"));

        assertThatThrownBy(() -> store.append(AppendRequest.of(stream, AppendRequest.NO_STREAM, events(1))
                .withIdempotencyToken("tok-b")))
                .isInstanceOf(WrongExpectedVersionException.class);
    }

    @Test
    void streamIdsAreListedByPrefixInOrder() {
        String a = "provider#list-" + UUID.randomUUID() + "-a";
        String b = a.substring(0, a.length() - 1) + "b";
        store.append(AppendRequest.of(b, AppendRequest.NO_STREAM, events(1)));
        store.append(AppendRequest.of(a, AppendRequest.NO_STREAM, events(2)));
        store.append(AppendRequest.of("session#other", AppendRequest.NO_STREAM, events(1)));

        assertThat(store.streamIds(a.substring(0, a.length() - 1))).containsExactly(a, b);
        assertThat(store.streamIds("provider#")).contains(a, b).doesNotContain("session#other");
    }

    /**
     * The optimistic-concurrency promise: of N appenders released together with the same expected
     * version, exactly one wins each round and every other gets the typed exception; no event is
     * lost and no version is duplicated or skipped.
     */
    @ParameterizedTest(name = "{0} appenders")
    @ValueSource(ints = {2, 8, 16})
    void exactlyOneOfManyConcurrentAppendersWinsEachRound(int appenders) throws Exception {
        int rounds = 50;
        String stream = freshStream();
        int winners = 0;
        int losers = 0;
        int otherFailures = 0;
        List<UUID> winningEvents = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(appenders);
        try {
            for (int round = 0; round < rounds; round++) {
                long expected = round - 1L;
                CountDownLatch ready = new CountDownLatch(appenders);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<UUID>> outcomes = new ArrayList<>();
                for (int t = 0; t < appenders; t++) {
                    NewEvent mine = event("Raced", round);
                    outcomes.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        store.append(AppendRequest.of(stream, expected, List.of(mine)));
                        return mine.eventId();
                    }));
                }
                ready.await();
                go.countDown();
                int roundWinners = 0;
                for (Future<UUID> outcome : outcomes) {
                    try {
                        winningEvents.add(outcome.get(60, TimeUnit.SECONDS));
                        roundWinners++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof WrongExpectedVersionException) losers++;
                        else otherFailures++;
                    }
                }
                winners += roundWinners;
                assertThat(roundWinners).as("winners in round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }

        List<EventEnvelope> stored = store.read(stream);
        Set<Long> versions = new HashSet<>();
        stored.forEach(e -> versions.add(e.streamVersion()));
        long lost = winningEvents.stream().filter(id -> stored.stream().noneMatch(e -> e.eventId().equals(id))).count();
        System.out.printf("[%s] concurrency: appenders=%d rounds=%d winners=%d losers=%d other=%d lost=%d stored=%d%n",
                getClass().getSimpleName(), appenders, rounds, winners, losers, otherFailures, lost, stored.size());

        assertThat(otherFailures).as("every loser gets WrongExpectedVersionException, nothing else").isZero();
        assertThat(winners).as("one winner per round").isEqualTo(rounds);
        assertThat(losers).as("everyone else lost").isEqualTo(rounds * (appenders - 1));
        assertThat(lost).as("every winner's event is stored").isZero();
        assertThat(stored).as("one event per round").hasSize(rounds);
        assertThat(versions).as("versions 0..rounds-1, none duplicated or missing").hasSize(rounds)
                .allMatch(v -> v >= 0 && v < rounds);
    }
}
