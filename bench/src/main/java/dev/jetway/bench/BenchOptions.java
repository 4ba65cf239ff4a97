package dev.jetway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How long and how hard {@code make bench} measures. Environment variables override the defaults:
 * {@code BENCH_SEGMENT_MS} (one timed segment of one target), {@code BENCH_ROUNDS} (segments per
 * target and phase, interleaved across targets), {@code BENCH_CONCURRENCY} (connections at
 * saturation), {@code BENCH_COLD_SAMPLES}, {@code BENCH_STORE_MS} (per event-store case),
 * {@code BENCH_PROFILE_MS} (the JFR profile of local mode).
 *
 * @param smoke the few-requests variant {@code make test} runs: every target and section once, no
 *     BENCHMARKS.md
 */
record BenchOptions(Path projectRoot, Path outputDirectory, Duration segment, int rounds, int concurrency,
                    int coldSamples, Duration storeCase, Duration profile, boolean smoke) {

    BenchOptions {
        if (rounds < 1) throw new IllegalArgumentException("BENCH_ROUNDS must be at least 1, got " + rounds);
        if (concurrency < 2) throw new IllegalArgumentException("BENCH_CONCURRENCY must be at least 2, got " + concurrency);
        if (coldSamples < 1) throw new IllegalArgumentException("BENCH_COLD_SAMPLES must be at least 1, got " + coldSamples);
    }

    static BenchOptions fromEnvironment(Path projectRoot, Map<String, String> env) {
        return new BenchOptions(projectRoot, projectRoot.resolve("bench/results"),
                Duration.ofMillis(number(env, "BENCH_SEGMENT_MS", 1200)), (int) number(env, "BENCH_ROUNDS", 3),
                (int) number(env, "BENCH_CONCURRENCY", 16), (int) number(env, "BENCH_COLD_SAMPLES", 5),
                Duration.ofMillis(number(env, "BENCH_STORE_MS", 4000)),
                Duration.ofMillis(number(env, "BENCH_PROFILE_MS", 8000)), false);
    }

    static BenchOptions smoke(Path projectRoot, Path outputDirectory) {
        return new BenchOptions(projectRoot, outputDirectory, Duration.ofMillis(150), 1, 2, 1,
                Duration.ofMillis(300), Duration.ofMillis(500), true);
    }

    /** Warm-up per target and phase before anything is timed. */
    Duration warmup() {
        return smoke ? Duration.ofMillis(100) : segment;
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) return fallback;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
