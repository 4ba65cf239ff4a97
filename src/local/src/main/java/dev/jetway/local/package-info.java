/** The local runner: one JVM with an HTTP front door, subprocess providers and an embedded store. */
package dev.jetway.local;
