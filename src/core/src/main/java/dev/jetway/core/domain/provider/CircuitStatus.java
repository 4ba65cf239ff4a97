package dev.jetway.core.domain.provider;

/** The state of a provider's circuit breaker as recorded in its event stream. */
public enum CircuitStatus { CLOSED, OPEN, HALF_OPEN }
