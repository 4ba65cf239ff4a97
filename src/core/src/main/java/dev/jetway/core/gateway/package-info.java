/**
 * The aggregating gateway: many providers seen as one MCP server. Names and URIs are namespaced
 * per provider, lists are served from what is known without waiting for any provider, and calls
 * are routed to the provider that owns the name, which is started on first use.
 */
package dev.jetway.core.gateway;
