package dev.jetway.core.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.domain.provider.ProviderEvent.ToolSchemaVersionCreated;
import dev.jetway.core.eventstore.EventEnvelope;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The schema ledger: content-hashed versions of what each provider lists (mcpr's schema versions).
 *
 * <p>{@link #record} normalizes a list result ({@link ListPayload}) and compares its hash with the
 * latest version of that provider and method. Equal: nothing is written. Different (or no version
 * yet): version latest + 1 is created with its {@code ToolSchemaVersionCreated} event, through the
 * store's conditional create. When another instance created that number first, the ledger reads
 * the latest again: if it holds the same content, the other instance's version is the answer;
 * otherwise it tries the next number. So recorders of one payload racing each other create exactly
 * one version. Content that returns to an earlier state (A, B, A) is a new version: versions
 * follow what the provider listed over time.
 */
public final class SchemaLedger {

    /** Every lost race means another version was created; this many in a row is a hot loop, not a race. */
    static final int MAX_ATTEMPTS = 10;

    private final SchemaVersionStore store;
    private final Clock clock;

    public SchemaLedger(SchemaVersionStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records a list result of {@code provider} for {@code method}.
     *
     * @param result the whole result object (or the bare items array), every page of it
     * @param correlationId ties the event to the request or job that listed; may be null
     * @throws MalformedListException when the result has no items array or an item lacks its name
     * @throws SchemaVersionExistsException when {@value #MAX_ATTEMPTS} creates in a row lost a race
     */
    public Recorded record(String provider, ListMethod method, JsonNode result, String correlationId) {
        requireProviderName(provider);
        ListPayload listed = ListPayload.of(provider, method, result);
        SchemaVersionExistsException lastConflict = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<SchemaVersion> latest = store.latest(provider, method);
            if (latest.isPresent() && latest.get().hash().equals(listed.hash())) {
                return new Recorded.Unchanged(latest.get());
            }
            SchemaVersion next = new SchemaVersion(provider, method, latest.map(v -> v.number() + 1).orElse(1),
                    listed.hash(), listed.payload(), listed.itemCount(), clock.instant());
            SchemaDiff diff = SchemaDiff.between(method, latest.map(SchemaVersion::payload).orElse(null),
                    listed.payload());
            ToolSchemaVersionCreated event = SchemaVersionEvents.event(next, diff);
            EventEnvelope envelope = SchemaVersionEvents.envelope(next, event, correlationId);
            try {
                store.create(next, envelope);
                return new Recorded.Created(next, diff, event);
            } catch (SchemaVersionExistsException conflict) {
                lastConflict = conflict;
            }
        }
        throw lastConflict;
    }

    /** The newest version, or empty when the provider never listed {@code method}. */
    public Optional<SchemaVersion> latest(String provider, ListMethod method) {
        return store.latest(provider, method);
    }

    /**
     * Version {@code number}: what a pin refers to.
     *
     * @throws UnknownSchemaVersionException when no such version was recorded
     */
    public SchemaVersion version(String provider, ListMethod method, int number) {
        return store.version(provider, method, number).orElseThrow(() -> new UnknownSchemaVersionException(
                provider, method, number, store.latest(provider, method).map(SchemaVersion::number).orElse(0)));
    }

    /** Every version, oldest first. */
    public List<SchemaVersion> versions(String provider, ListMethod method) {
        return store.versions(provider, method);
    }

    /**
     * What changed from version {@code from} to version {@code to} (either order).
     *
     * @throws UnknownSchemaVersionException when either version was not recorded
     */
    public SchemaDiff diff(String provider, ListMethod method, int from, int to) {
        return SchemaDiff.between(method, version(provider, method, from).payload(),
                version(provider, method, to).payload());
    }

    private static void requireProviderName(String provider) {
        if (provider == null || provider.isBlank() || provider.contains("#")) {
            throw new IllegalArgumentException("provider name must be non-blank and without '#', got '" + provider + "'");
        }
    }
}
