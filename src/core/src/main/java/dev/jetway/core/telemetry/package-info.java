/**
 * High-volume telemetry (mcpr's Request, SessionStart, SessionEnd, Heartbeat): not event-sourced,
 * it flows from the request path through {@link dev.jetway.core.telemetry.TelemetryBus}, which
 * never blocks, to {@link dev.jetway.core.telemetry.EventSink}s in batches.
 */
package dev.jetway.core.telemetry;
