package dev.jetway.core.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One token bucket: holds up to {@code burst} tokens, refilled continuously at the configured rate. */
final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private Instant last;

    TokenBucket(RateLimit limit, Instant now) {
        this.capacity = limit.burst();
        this.tokensPerNano = limit.requestsPerMinute() / 60e9;
        this.tokens = capacity;
        this.last = now;
    }

    /** Takes a token, or says how long until one is there. */
    synchronized Optional<Duration> take(Instant now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano)));
    }

    synchronized boolean isFull(Instant now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(Instant now) {
        if (now.isAfter(last)) {
            tokens = Math.min(capacity, tokens + Duration.between(last, now).toNanos() * tokensPerNano);
            last = now;
        }
    }
}
