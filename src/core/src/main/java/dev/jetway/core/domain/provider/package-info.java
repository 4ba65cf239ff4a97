/**
 * The provider aggregate: MCP Hangar's lifecycle as states, commands and events, with pure
 * {@code decide} and {@code evolve} functions. No I/O, no AWS, no HTTP.
 */
package dev.jetway.core.domain.provider;
