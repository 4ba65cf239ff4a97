/** The provider registry's application services: commands through the event store, and projection rebuilds. */
package dev.jetway.core.registry;
