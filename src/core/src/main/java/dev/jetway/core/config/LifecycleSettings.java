package dev.jetway.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway runs its providers' lives (keys of the {@code gateway:} section).
 *
 * @param startWait how long a call waits for a provider that is starting (its own start or one
 *     another caller or gateway instance began) before it gets a retryable "still starting" error;
 *     below the 30 s limit of API Gateway, so that the client hears back in time
 * @param circuitFailureThreshold consecutive failed calls that open a provider's circuit
 * @param circuitResetTimeout how long an open circuit fails calls fast before one trial call
 * @param managementTools serve the {@code registry_*} tools next to the providers' tools
 */
public record LifecycleSettings(
        Duration startWait, int circuitFailureThreshold, Duration circuitResetTimeout, boolean managementTools) {

    public static final Duration DEFAULT_START_WAIT = Duration.ofSeconds(25);
    public static final int DEFAULT_CIRCUIT_FAILURE_THRESHOLD = 5;
    public static final Duration DEFAULT_CIRCUIT_RESET_TIMEOUT = Duration.ofSeconds(30);

    public LifecycleSettings {
        Objects.requireNonNull(startWait, "startWait");
        Objects.requireNonNull(circuitResetTimeout, "circuitResetTimeout");
        if (startWait.isNegative() || startWait.isZero()) throw new IllegalArgumentException("start_wait_s must be positive");
        if (circuitFailureThreshold < 1) throw new IllegalArgumentException("circuit_failure_threshold must be >= 1");
        if (circuitResetTimeout.isNegative() || circuitResetTimeout.isZero()) {
            throw new IllegalArgumentException("circuit_reset_s must be positive");
        }
    }

    /** 25 s start wait, circuit opens after 5 failures for 30 s, management tools on. */
    public static LifecycleSettings defaults() {
        return new LifecycleSettings(DEFAULT_START_WAIT, DEFAULT_CIRCUIT_FAILURE_THRESHOLD,
                DEFAULT_CIRCUIT_RESET_TIMEOUT, true);
    }
}
