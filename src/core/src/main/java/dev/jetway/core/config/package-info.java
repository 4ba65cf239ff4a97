/**
 * The gateway's configuration file: an MCP Hangar compatible {@code providers:} map plus Jetway's
 * own {@code gateway:} settings, read strictly so that a typo stops start-up with a precise error.
 */
package dev.jetway.core.config;
