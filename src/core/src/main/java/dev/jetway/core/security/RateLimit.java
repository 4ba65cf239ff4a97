package dev.jetway.core.security;

/**
 * A token bucket's shape: {@code burst} requests at once, refilled at {@code requestsPerMinute}.
 */
public record RateLimit(int requestsPerMinute, int burst) {

    public RateLimit {
        if (requestsPerMinute < 1) throw new IllegalArgumentException("requests_per_minute must be at least 1");
        if (burst < 1) throw new IllegalArgumentException("burst must be at least 1");
    }
}
