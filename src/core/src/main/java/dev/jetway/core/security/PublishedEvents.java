package dev.jetway.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jetway.core.eventstore.AppendedEventsObserver;
import dev.jetway.core.eventstore.EventEnvelope;
import dev.jetway.core.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The copy of a stored event that may leave the system of record: what the outbox sends to the
 * event bus (and its dead-letter queue) and what the local event log, EMF and metrics see.
 *
 * <p>The event store keeps a provider's spec whole, because every instance starts hot-loaded
 * providers from it. The published copy keeps the keys of {@code spec.env} and {@code spec.headers}
 * and replaces every value with {@link Redactor#MASK}; {@code spec.url}, {@code spec.command} and
 * the free-text fields ({@code error}, {@code reason}, {@code detail}) pass through the redactor.
 * Everything else, and the envelope, is unchanged, so a published event still matches its schema.
 * The masking is by shape ({@code data.spec}), not by event type, so that a future type carrying a
 * spec is masked too.
 */
public final class PublishedEvents {

    private static final List<String> FREE_TEXT = List.of("error", "reason", "detail");
    private static final List<String> SECRET_MAPS = List.of("env", "headers");

    private final Redactor redactor;

    public PublishedEvents(Redactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** Masks the spec and redacts free text by pattern only: for where no configuration is at hand. */
    public static PublishedEvents byPatternOnly() {
        return new PublishedEvents(new Redactor(List.of()));
    }

    /** The event as it may be published; the argument is not changed. */
    public EventEnvelope published(EventEnvelope stored) {
        ObjectNode data = stored.data().deepCopy();
        mask(data, stored.eventType(), stored.schemaVersion());
        return stored.withData(stored.schemaVersion(), data);
    }

    /** An observer that sees only the published copies of what was stored. */
    public AppendedEventsObserver observing(AppendedEventsObserver inner) {
        Objects.requireNonNull(inner, "inner");
        return events -> inner.onAppended(events.stream().map(this::published).toList());
    }

    /**
     * A stream record's image as it may be parked in a dead-letter queue: its {@code data} attribute
     * (the envelope's data as JSON text) masked like a published event's, or redacted as text when it
     * is not a JSON object (a poison record may be unreadable).
     */
    public Map<String, String> deadLetterImage(Map<String, String> image) {
        String data = image.get("data");
        if (data == null) return image;
        Map<String, String> copy = new HashMap<>(image);
        JsonNode parsed;
        try {
            parsed = Json.parse(data);
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (parsed instanceof ObjectNode object) {
            mask(object, image.getOrDefault("event_type", ""), schemaVersion(image.get("_version")));
            copy.put("data", Json.write(object));
        } else {
            copy.put("data", redactor.redact(data));
        }
        return Map.copyOf(copy);
    }

    private void mask(ObjectNode data, String eventType, int schemaVersion) {
        for (String field : FREE_TEXT) {
            if (data.get(field) instanceof TextNode text && isFreeText(eventType, schemaVersion, field)) {
                data.put(field, redactor.redact(text.textValue()));
            }
        }
        if (!(data.get("spec") instanceof ObjectNode spec)) return;
        for (String map : SECRET_MAPS) {
            if (spec.get(map) instanceof ObjectNode values) {
                values.properties().forEach(entry -> entry.setValue(TextNode.valueOf(Redactor.MASK)));
            }
        }
        if (spec.get("url") instanceof TextNode url) spec.put("url", redactor.redact(url.textValue()));
        if (spec.get("command") instanceof ArrayNode command) {
            for (int i = 0; i < command.size(); i++) {
                if (command.get(i) instanceof TextNode arg) command.set(i, TextNode.valueOf(redactor.redact(arg.textValue())));
            }
        }
    }

    /** ProviderStopped v2 made {@code reason} an enum (its free text moved to {@code detail}): left as it is. */
    private static boolean isFreeText(String eventType, int schemaVersion, String field) {
        return !("reason".equals(field) && "ProviderStopped".equals(eventType) && schemaVersion >= 2);
    }

    private static int schemaVersion(String text) {
        try {
            return text == null ? 1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
