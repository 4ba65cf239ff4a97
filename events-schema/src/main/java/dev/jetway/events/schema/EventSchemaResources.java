package dev.jetway.events.schema;

/**
 * Where the schemas and samples live on the classpath. This module has no dependencies, so that any
 * consumer (a test, a registry upload, a user's own code) can load the files with its own JSON
 * library.
 *
 * <p>Layout: {@code jetway/envelope/v<N>.schema.json}, {@code jetway/events/<Type>/v<N>.schema.json}
 * and {@code .sample.json} beside it, {@code jetway/telemetry/<Type>/v<N>.schema.json} likewise, and
 * {@code jetway/events/catalog.json} listing every type and version that exists.
 */
public final class EventSchemaResources {

    public static final String CATALOG = "jetway/events/catalog.json";

    private EventSchemaResources() {}

    public static String envelopeSchema(int version) {
        return "jetway/envelope/v" + requireVersion(version) + ".schema.json";
    }

    /** The schema of {@code data} of a domain event type at one schema version. */
    public static String eventSchema(String eventType, int version) {
        return "jetway/events/" + requireName(eventType) + "/v" + requireVersion(version) + ".schema.json";
    }

    /** A complete envelope of a domain event type at one schema version. */
    public static String eventSample(String eventType, int version) {
        return "jetway/events/" + requireName(eventType) + "/v" + requireVersion(version) + ".sample.json";
    }

    public static String telemetrySchema(String eventType, int version) {
        return "jetway/telemetry/" + requireName(eventType) + "/v" + requireVersion(version) + ".schema.json";
    }

    public static String telemetrySample(String eventType, int version) {
        return "jetway/telemetry/" + requireName(eventType) + "/v" + requireVersion(version) + ".sample.json";
    }

    private static int requireVersion(int version) {
        if (version < 1) throw new IllegalArgumentException("schema versions start at 1, got " + version);
        return version;
    }

    /** Type names become path segments: refuse anything that could leave the schema tree. */
    private static String requireName(String eventType) {
        if (eventType == null || !eventType.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("not an event type name: " + eventType);
        }
        return eventType;
    }
}
