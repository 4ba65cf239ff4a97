package dev.jetway.core.groups;

import static dev.jetway.core.domain.provider.GroupSpec.Strategy.LEAST_CONNECTIONS;
import static dev.jetway.core.groups.Members.group;
import static dev.jetway.core.groups.Members.member;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.domain.provider.GroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Concurrent calls released together: selection and counting are one step, so calls held open at
 * the same time are spread evenly and every counter returns to zero.
 */
class LeastConnectionsConcurrencyTest {

    static final List<String> NAMES = List.of("a", "b", "c", "d");
    final GroupSpec spec = group(LEAST_CONNECTIONS, 1,
            member("a", 1, 0), member("b", 1, 0), member("c", 1, 0), member("d", 1, 0));
    final GroupRouter router = new GroupRouter(name -> Optional.of(spec), Members.ready("a", "b", "c", "d"));

    @ParameterizedTest(name = "{0} calls per member")
    @ValueSource(ints = {1, 4, 16})
    void callsHeldOpenTogetherAreSpreadEvenlyAndCountersReturnToZero(int perMember) throws Exception {
        int threads = perMember * NAMES.size();
        for (int round = 0; round < 20; round++) {
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch allInside = new CountDownLatch(threads);
            CountDownLatch release = new CountDownLatch(1);
            Map<String, Integer> openSeenByAll = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<String>> calls = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    calls.add(pool.submit(() -> {
                        start.await();
                        return router.call("pool", member -> {
                            allInside.countDown();
                            await(release);
                            return member;
                        });
                    }));
                }
                start.countDown();
                assertThat(allInside.await(10, TimeUnit.SECONDS)).as("every call got a member").isTrue();
                NAMES.forEach(n -> openSeenByAll.put(n, router.inFlight(n)));
                release.countDown();

                Map<String, Integer> chosen = new TreeMap<>();
                for (Future<String> call : calls) chosen.merge(call.get(10, TimeUnit.SECONDS), 1, Integer::sum);

                assertThat(openSeenByAll).as("round %d: open calls per member while all were held", round)
                        .containsOnly(NAMES.stream().map(n -> Map.entry(n, perMember)).toArray(Map.Entry[]::new));
                assertThat(chosen).as("round %d: every thread's member", round)
                        .containsOnly(NAMES.stream().map(n -> Map.entry(n, perMember)).toArray(Map.Entry[]::new));
                assertThat(NAMES).as("round %d: counters after every call closed", round)
                        .allSatisfy(n -> assertThat(router.inFlight(n)).isZero());
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
