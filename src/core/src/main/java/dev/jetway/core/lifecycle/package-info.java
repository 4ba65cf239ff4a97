/**
 * Every provider's life through the event-sourced registry: lazy start with single flight (the
 * conditional append of COLD → INITIALIZING decides who starts), the idle collector, health
 * checks with recovery backoff, a circuit breaker per provider, transport-agnostic health
 * endpoints and the {@code registry_*} management tools. Launching is a port
 * ({@link dev.jetway.core.lifecycle.ProviderLauncher}); adapters live in jetway-local and jetway-aws.
 */
package dev.jetway.core.lifecycle;
