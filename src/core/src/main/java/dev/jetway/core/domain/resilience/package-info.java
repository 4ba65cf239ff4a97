/** Resilience rules as pure values: the circuit breaker with a half-open trial, and retry backoff. */
package dev.jetway.core.domain.resilience;
