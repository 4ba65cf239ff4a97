package dev.jetway.core.domain.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.eventstore.Upcaster;
import java.util.List;
import java.util.Locale;

/** Every upcaster of provider events, one step each. Add a step here when a schema version is added. */
public final class ProviderEventUpcasters {

    private ProviderEventUpcasters() {}

    public static List<Upcaster> all() {
        return List.of(new ProviderStoppedV1ToV2());
    }

    /**
     * ProviderStopped v1 carried {@code reason} as free text (as MCP Hangar wrote it); v2 has the
     * {@link StopReason} enum and keeps the original text in {@code detail}.
     */
    static final class ProviderStoppedV1ToV2 implements Upcaster {
        @Override public String eventType() { return "ProviderStopped"; }
        @Override public int fromVersion() { return 1; }

        @Override
        public ObjectNode upcast(ObjectNode data) {
            String text = data.path("reason").asText("");
            ObjectNode out = data.deepCopy();
            out.put("reason", classify(text).wireName());
            if (!text.isEmpty() && !out.hasNonNull("detail")) out.put("detail", text);
            return out;
        }

        private static StopReason classify(String text) {
            String t = text.toLowerCase(Locale.ROOT);
            if (t.contains("idle")) return StopReason.IDLE;
            if (t.contains("remov")) return StopReason.REMOVED;
            if (t.contains("fail") || t.contains("crash") || t.contains("error") || t.contains("dead")
                    || t.contains("unhealthy")) {
                return StopReason.FAILURE;
            }
            return StopReason.MANUAL;
        }
    }
}
