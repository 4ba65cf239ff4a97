/** Jetway's single JSON configuration and the canonical form used for content hashes. */
package dev.jetway.core.json;
