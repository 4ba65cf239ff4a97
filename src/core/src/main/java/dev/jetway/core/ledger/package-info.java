/**
 * The schema ledger: content-hashed versions of each provider's {@code tools/list},
 * {@code resources/list}, {@code resources/templates/list} and {@code prompts/list}.
 *
 * <p>Entry point: {@link dev.jetway.core.ledger.SchemaLedger}, built from a
 * {@link dev.jetway.core.ledger.SchemaVersionStore} (in memory:
 * {@link dev.jetway.core.ledger.InMemorySchemaVersionStore}; on AWS: jetway-aws
 * {@code DynamoDbSchemaVersionStore}) and a clock. Wire it where a provider's list result arrives:
 * {@code ledger.record(provider, ListMethod.TOOLS, result, correlationId)} returns
 * {@link dev.jetway.core.ledger.Recorded.Created} (a new version, its diff and its
 * {@code ToolSchemaVersionCreated} event, already stored with the version) or
 * {@link dev.jetway.core.ledger.Recorded.Unchanged}. For serving lists without starting a provider
 * and for tool pinning: {@code latest(provider, method)} and {@code version(provider, method, n)};
 * for review: {@code diff(provider, method, from, to)}.
 *
 * <p>What is hashed: only the items field of the result, with items sorted by name (uri,
 * uriTemplate), as canonical JSON ({@link dev.jetway.core.json.CanonicalJson}); key order, item
 * order, paging and {@code _meta} of the result do not make new versions.
 */
package dev.jetway.core.ledger;
