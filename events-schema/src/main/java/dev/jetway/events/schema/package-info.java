/** Classpath locations of Jetway's event JSON Schemas (draft 2020-12) and their sample events. */
package dev.jetway.events.schema;
