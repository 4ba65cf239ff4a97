package dev.jetway.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link SchemaVersionStore} promises, and what the {@link SchemaLedger} makes of it.
 * Each implementation extends this class once; no test here may be skipped by an implementation.
 */
public abstract class SchemaVersionStoreContract {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T08:04:00Z"), ZoneOffset.UTC);

    /** A store with no versions in it; called before every test. */
    protected abstract SchemaVersionStore newStore();

    protected SchemaVersionStore store;
    protected String provider;

    @BeforeEach
    void createStore() {
        store = newStore();
        provider = "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static JsonNode tools(String... names) {
        StringBuilder json = new StringBuilder("{\"tools\":[");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) json.append(',');
            json.append("{\"name\":\"").append(names[i]).append("\",\"inputSchema\":{\"type\":\"object\"}}");
        }
        return Json.parse(json.append("]}").toString());
    }

    static SchemaVersion versionOf(String provider, ListMethod method, int number, JsonNode result) {
        ListPayload listed = ListPayload.of(provider, method, result);
        return new SchemaVersion(provider, method, number, listed.hash(), listed.payload(), listed.itemCount(),
                CLOCK.instant());
    }

    void create(SchemaVersion version) {
        SchemaDiff diff = SchemaDiff.fromNothing(version.method(), version.payload());
        store.create(version, SchemaVersionEvents.envelope(version, SchemaVersionEvents.event(version, diff), "c"));
    }

    @Test
    void nothingRecordedReadsAsEmpty() {
        assertThat(store.latest(provider, ListMethod.TOOLS)).isEmpty();
        assertThat(store.version(provider, ListMethod.TOOLS, 1)).isEmpty();
        assertThat(store.versions(provider, ListMethod.TOOLS)).isEmpty();
    }

    @Test
    void aCreatedVersionReadsBackEqualAsLatestAsItsNumberAndInTheHistory() {
        SchemaVersion first = versionOf(provider, ListMethod.TOOLS, 1, tools("add", "échø ✓"));

        create(first);

        assertThat(store.latest(provider, ListMethod.TOOLS)).contains(first);
        assertThat(store.version(provider, ListMethod.TOOLS, 1)).contains(first);
        assertThat(store.versions(provider, ListMethod.TOOLS)).containsExactly(first);
        assertThat(store.version(provider, ListMethod.TOOLS, 2)).as("a number never created").isEmpty();
    }

    @Test
    void latestIsTheHighestNumberAndTheHistoryIsInNumberOrder() {
        List<SchemaVersion> created = new ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            SchemaVersion version = versionOf(provider, ListMethod.TOOLS, n, tools("t" + n));
            create(version);
            created.add(version);
        }

        assertThat(store.latest(provider, ListMethod.TOOLS)).as("12 sorts after 9 and 10").contains(created.get(11));
        assertThat(store.versions(provider, ListMethod.TOOLS)).containsExactlyElementsOf(created);
        assertThat(store.version(provider, ListMethod.TOOLS, 9)).contains(created.get(8));
    }

    @Test
    void creatingATakenNumberFailsAndKeepsTheFirst() {
        SchemaVersion first = versionOf(provider, ListMethod.TOOLS, 1, tools("add"));
        create(first);

        assertThatThrownBy(() -> create(versionOf(provider, ListMethod.TOOLS, 1, tools("other"))))
                .isInstanceOfSatisfying(SchemaVersionExistsException.class, e -> {
                    assertThat(e.provider()).isEqualTo(provider);
                    assertThat(e.number()).isEqualTo(1);
                });
        assertThat(store.latest(provider, ListMethod.TOOLS)).as("never an overwrite").contains(first);
    }

    @Test
    void versionsAreKeptApartPerProviderAndPerMethod() {
        SchemaVersion tools = versionOf(provider, ListMethod.TOOLS, 1, tools("add"));
        SchemaVersion prompts = versionOf(provider, ListMethod.PROMPTS, 1,
                Json.parse("{\"prompts\":[{\"name\":\"greet\"}]}"));
        SchemaVersion templates = versionOf(provider, ListMethod.RESOURCE_TEMPLATES, 1,
                Json.parse("{\"resourceTemplates\":[{\"uriTemplate\":\"file:///{path}\",\"name\":\"file\"}]}"));
        SchemaVersion otherProvider = versionOf(provider + "x", ListMethod.TOOLS, 1, tools("mul"));

        create(tools);
        create(prompts);
        create(templates);
        create(otherProvider);

        assertThat(store.latest(provider, ListMethod.TOOLS)).contains(tools);
        assertThat(store.latest(provider, ListMethod.PROMPTS)).contains(prompts);
        assertThat(store.latest(provider, ListMethod.RESOURCE_TEMPLATES)).contains(templates);
        assertThat(store.latest(provider, ListMethod.RESOURCES)).isEmpty();
        assertThat(store.latest(provider + "x", ListMethod.TOOLS)).contains(otherProvider);
    }

    @Test
    void anEventOffTheVersionsStreamPositionIsRefused() {
        SchemaVersion first = versionOf(provider, ListMethod.TOOLS, 1, tools("add"));
        SchemaVersion second = versionOf(provider, ListMethod.TOOLS, 2, tools("mul"));
        var eventOfSecond = SchemaVersionEvents.envelope(second,
                SchemaVersionEvents.event(second, SchemaDiff.fromNothing(ListMethod.TOOLS, second.payload())), null);

        assertThatThrownBy(() -> store.create(first, eventOfSecond)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs at stream version 0 of schema#" + provider + "#tools/list");
        assertThat(store.latest(provider, ListMethod.TOOLS)).isEmpty();
    }

    @ParameterizedTest(name = "{0} writers")
    @ValueSource(ints = {2, 8})
    void ofWritersOfOneNumberReleasedTogetherExactlyOneSucceeds(int writers) throws Exception {
        for (int round = 1; round <= 10; round++) {
            int number = round;
            List<Boolean> outcomes = together(writers, w -> () -> {
                try {
                    create(versionOf(provider, ListMethod.TOOLS, number, tools("w" + w)));
                    return true;
                } catch (SchemaVersionExistsException lost) {
                    return false;
                }
            });
            assertThat(outcomes).as("round %d: one winner among %d writers", round, writers)
                    .filteredOn(won -> won).hasSize(1);
        }
        assertThat(store.versions(provider, ListMethod.TOOLS)).extracting(SchemaVersion::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @ParameterizedTest(name = "{0} recorders")
    @ValueSource(ints = {2, 8})
    void recordersOfTheSamePayloadReleasedTogetherCreateExactlyOneVersion(int recorders) throws Exception {
        SchemaLedger ledger = new SchemaLedger(store, CLOCK);
        for (int round = 1; round <= 5; round++) {
            JsonNode payload = tools("round" + round, "shared");
            List<Recorded> outcomes = together(recorders,
                    r -> () -> ledger.record(provider, ListMethod.TOOLS, payload, "r" + r));

            assertThat(outcomes).as("round %d: exactly one recorder created the version", round)
                    .filteredOn(o -> o instanceof Recorded.Created).hasSize(1);
            assertThat(outcomes).extracting(o -> o.version().number()).as("everyone sees the same version")
                    .containsOnly(round);
        }
        assertThat(store.versions(provider, ListMethod.TOOLS)).hasSize(5);
    }

    @Test
    void recordersOfDifferentPayloadsReleasedTogetherGetOneGaplessVersionEach() throws Exception {
        SchemaLedger ledger = new SchemaLedger(store, CLOCK);
        int recorders = 6;

        List<Recorded> outcomes = together(recorders,
                r -> () -> ledger.record(provider, ListMethod.TOOLS, tools("only-" + r), null));

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(Recorded.Created.class));
        assertThat(store.versions(provider, ListMethod.TOOLS)).extracting(SchemaVersion::number)
                .containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(store.versions(provider, ListMethod.TOOLS)).extracting(SchemaVersion::hash).doesNotHaveDuplicates();
    }

    interface Task<T> {
        Callable<T> forWorker(int worker);
    }

    /** Runs one task per worker, all released at the same instant; returns every worker's outcome. */
    static <T> List<T> together(int workers, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Callable<T> work = task.forWorker(w);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.call();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<T> outcomes = new ArrayList<>();
            for (Future<T> f : futures) outcomes.add(f.get(30, TimeUnit.SECONDS));
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
