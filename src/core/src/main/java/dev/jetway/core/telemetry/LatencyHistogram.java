package dev.jetway.core.telemetry;

import java.util.Arrays;

/** A Prometheus histogram of durations in seconds over fixed buckets. Not thread-safe: its owner locks. */
final class LatencyHistogram {

    /** Upper bounds in seconds, from half a millisecond (a local list) to a minute (a cold container start). */
    static final double[] BUCKETS_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1, 2.5, 5, 10, 30, 60};

    private final long[] counts = new long[BUCKETS_SECONDS.length];
    private long count;
    private double sumSeconds;

    void observeMicros(long micros) {
        double seconds = micros / 1_000_000.0;
        int bucket = Arrays.binarySearch(BUCKETS_SECONDS, seconds);
        if (bucket < 0) bucket = -bucket - 1;
        if (bucket < counts.length) counts[bucket]++;
        count++;
        sumSeconds += seconds;
    }

    /** Cumulative count of observations at or below each bucket's bound, as the format wants. */
    long cumulative(int bucket) {
        long total = 0;
        for (int i = 0; i <= bucket; i++) total += counts[i];
        return total;
    }

    long count() { return count; }

    double sumSeconds() { return sumSeconds; }
}
