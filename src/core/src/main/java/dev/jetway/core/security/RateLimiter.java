package dev.jetway.core.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a caller's subject, a provider's name), in this process's memory. On Lambda
 * every instance has its own buckets, so the limit a client sees is per instance unless a shared
 * store is put behind this class. The number of buckets is bounded: when it grows past
 * {@code maxKeys}, buckets that are full again (idle keys) are dropped, which loses nothing.
 */
public final class RateLimiter {

    static final int DEFAULT_MAX_KEYS = 10_000;

    private final RateLimit limit;
    private final Clock clock;
    private final int maxKeys;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(RateLimit limit, Clock clock) {
        this(limit, clock, DEFAULT_MAX_KEYS);
    }

    RateLimiter(RateLimit limit, Clock clock, int maxKeys) {
        this.limit = limit;
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    /** Takes one request's token for the key, or returns how long to wait before retrying. */
    public Optional<Duration> acquire(String key) {
        Instant now = clock.instant();
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(limit, now)).take(now);
    }

    int bucketCount() {
        return buckets.size();
    }
}
