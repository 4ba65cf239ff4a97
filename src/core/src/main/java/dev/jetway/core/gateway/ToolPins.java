package dev.jetway.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jetway.core.domain.provider.ProviderEvent.ToolSchemaVersionApproved;
import dev.jetway.core.eventstore.AppendRequest;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.eventstore.EventStore;
import dev.jetway.core.eventstore.WrongExpectedVersionException;
import dev.jetway.core.json.CanonicalJson;
import dev.jetway.core.ledger.ListMethod;
import dev.jetway.core.ledger.SchemaLedger;
import dev.jetway.core.ledger.SchemaVersion;
import dev.jetway.core.registry.ProviderEventCodec;
import dev.jetway.core.security.PinMode;
import dev.jetway.core.security.SecuritySettings;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Tool pinning: the approved version of each pinned provider's {@code tools/list} (a schema-ledger
 * version), and which of the tools it lists now differ from it. Approvals are events on
 * {@code pin#<provider>#tools/list}; the first version recorded while a provider is pinned is
 * approved on first use. An instance keeps the approval it read and reads the stream again only
 * while something looks held, so an approval made on another instance is seen at the next request.
 */
final class ToolPins {

    private static final Logger LOG = Logger.getLogger(ToolPins.class.getName());
    static final String FIRST_USE = "first-use";

    /** The approved tools by name, each as canonical JSON (so that number and key order do not matter). */
    private record Approved(int number, Map<String, String> tools) {}

    private final SecuritySettings security;
    private final SchemaLedger ledger;
    private final EventStore approvals;
    private final Clock clock;
    private final ProviderEventCodec codec = new ProviderEventCodec();
    private final Map<String, Approved> approved = new ConcurrentHashMap<>();

    ToolPins(SecuritySettings security, SchemaLedger ledger, EventStore approvals, Clock clock) {
        this.security = security;
        this.ledger = ledger;
        this.approvals = approvals;
        this.clock = clock;
    }

    PinMode mode(String provider) {
        return security.pin(provider);
    }

    static String streamId(String provider) {
        return "pin#" + provider + "#" + ListMethod.TOOLS.wireName();
    }

    /** A new version of a provider's tools was recorded: trusted if it is the first one, else warned about. */
    void onNewVersion(String provider, SchemaVersion version, List<String> changedNames) {
        PinMode mode = mode(provider);
        if (mode == PinMode.OFF) return;
        if (mode == PinMode.WARN) {
            if (version.number() == 1) return;
            LOG.warning(() -> "provider '" + provider + "': tool definitions changed (version " + version.number()
                    + ", " + changedNames + "); served at once because the provider is not pinned");
            return;
        }
        Optional<ToolSchemaVersionApproved> current = readApproval(provider);
        if (current.isEmpty()) {
            approve(provider, version, FIRST_USE);
            return;
        }
        LOG.warning(() -> "provider '" + provider + "': tool definitions changed (version " + version.number()
                + ", " + changedNames + "); new and changed tools are held until an admin approves it"
                + " (registry_approve {provider: \"" + provider + "\", version: " + version.number() + "})");
    }

    /** The upstream names of the tools in {@code listed} that are held back: new or changed since the approved version. */
    Set<String> held(String provider, ArrayNode listed) {
        if (listed == null || mode(provider) != PinMode.PIN) return Set.of();
        Approved known = approved.get(provider);
        if (known == null) known = load(provider);
        if (known == null) return Set.of();
        Set<String> held = heldAgainst(known, listed);
        if (held.isEmpty()) return held;
        // Perhaps approved elsewhere since this instance read the approval.
        Approved fresh = load(provider);
        return fresh == null ? Set.of() : heldAgainst(fresh, listed);
    }

    /** The approved version number, if any. */
    Optional<Integer> approvedVersion(String provider) {
        return readApproval(provider).map(ToolSchemaVersionApproved::versionNumber);
    }

    /**
     * Approves {@code version} of the provider's tools.
     *
     * @throws IllegalArgumentException when the version is not newer than the approved one
     */
    ToolSchemaVersionApproved approve(String provider, SchemaVersion version, String approvedBy) {
        for (int attempt = 0; attempt < 3; attempt++) {
            List<EventEnvelope> stream = approvals.read(streamId(provider));
            Integer previous = stream.isEmpty() ? null : decode(stream.get(stream.size() - 1)).versionNumber();
            if (previous != null && previous >= version.number()) {
                throw new IllegalArgumentException("version " + previous + " of provider '" + provider
                        + "' is already approved; approve a newer version");
            }
            ToolSchemaVersionApproved event = new ToolSchemaVersionApproved(provider, ListMethod.TOOLS.wireName(),
                    version.number(), version.versionId(), version.hash(), approvedBy, previous);
            long expected = stream.isEmpty() ? AppendRequest.NO_STREAM : stream.get(stream.size() - 1).streamVersion();
            try {
                approvals.append(AppendRequest.of(streamId(provider), expected,
                        List.of(codec.encode(event, UUID.randomUUID(), clock.instant(), "approve#" + provider))));
                approved.put(provider, toApproved(version));
                return event;
            } catch (WrongExpectedVersionException raced) {
                // Another approval landed first: judge this one against it.
            }
        }
        throw new IllegalStateException("approving provider '" + provider + "' kept racing other approvals; try again");
    }

    private Approved load(String provider) {
        Optional<ToolSchemaVersionApproved> approval = readApproval(provider);
        if (approval.isEmpty()) {
            // Pinning was turned on after versions were recorded: the latest one is trusted on first use.
            Optional<SchemaVersion> latest = ledger.latest(provider, ListMethod.TOOLS);
            if (latest.isEmpty()) return null;
            try {
                approve(provider, latest.get(), FIRST_USE);
            } catch (IllegalArgumentException alreadyApproved) {
                return load(provider);
            }
            return approved.get(provider);
        }
        Approved loaded = toApproved(ledger.version(provider, ListMethod.TOOLS, approval.get().versionNumber()));
        approved.put(provider, loaded);
        return loaded;
    }

    private Optional<ToolSchemaVersionApproved> readApproval(String provider) {
        List<EventEnvelope> stream = approvals.read(streamId(provider));
        return stream.isEmpty() ? Optional.empty() : Optional.of(decode(stream.get(stream.size() - 1)));
    }

    private ToolSchemaVersionApproved decode(EventEnvelope envelope) {
        return (ToolSchemaVersionApproved) codec.decode(envelope);
    }

    private static Approved toApproved(SchemaVersion version) {
        Map<String, String> tools = new HashMap<>();
        version.payload().path("tools").forEach(tool -> tools.put(tool.path("name").asText(), CanonicalJson.of(tool)));
        return new Approved(version.number(), tools);
    }

    private static Set<String> heldAgainst(Approved approved, ArrayNode listed) {
        Set<String> held = new LinkedHashSet<>();
        for (JsonNode tool : listed) {
            String name = tool.path("name").asText();
            if (!CanonicalJson.of(tool).equals(approved.tools().get(name))) held.add(name);
        }
        return held;
    }
}
