/**
 * Client side of the gateway: MCP sessions with the providers behind it (ports, the JSON-RPC
 * correlation they share, and the Streamable HTTP connector, which needs nothing but the JDK).
 * Payloads stay Jackson trees end to end so that fields this code does not know pass through.
 */
package dev.jetway.core.upstream;
