package dev.jetway.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR execution-sample profile of one gateway process, summarised as {@code jfr print --events
 * jdk.ExecutionSample} would be read: the top frames where samples landed (self), the Jetway methods
 * on the most sampled stacks (inclusive), and the share of samples by area.
 */
final class Profile {

    private static final Map<String, String> AREAS = new java.util.LinkedHashMap<>();

    static {
        AREAS.put("dev.jetway.core.mcp.", "front door (dev.jetway.core.mcp)");
        AREAS.put("dev.jetway.core.upstream.", "upstream client (dev.jetway.core.upstream)");
        AREAS.put("dev.jetway.core.gateway.", "routing (dev.jetway.core.gateway)");
        AREAS.put("dev.jetway.core.telemetry.", "telemetry (dev.jetway.core.telemetry)");
        AREAS.put("dev.jetway.local.", "local HTTP server (dev.jetway.local)");
        AREAS.put("com.fasterxml.jackson.", "JSON (Jackson)");
        AREAS.put("sun.net.httpserver.", "JDK HTTP server (sun.net.httpserver)");
        AREAS.put("jdk.internal.net.http.", "JDK HTTP client (jdk.internal.net.http)");
    }

    private Profile() {}

    /** JVM flags that record execution samples every 10 ms (the {@code profile} settings) into the file. */
    static List<String> jvmFlags(Path recording) {
        return List.of("-XX:+FlightRecorder", "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
    }

    static ObjectNode summarise(Path recording, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> areas = new HashMap<>();
        int samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) continue;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (frames.isEmpty()) continue;
                samples++;
                self.merge(name(frames.getFirst()), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                Set<String> seenAreas = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String name = name(frame);
                    if (name.startsWith("dev.jetway.") && seen.add(name)) inclusive.merge(name, 1, Integer::sum);
                    AREAS.forEach((prefix, area) -> {
                        if (name.startsWith(prefix) && seenAreas.add(area)) areas.merge(area, 1, Integer::sum);
                    });
                }
            }
        }
        ObjectNode summary = Json.object().put("samples", samples);
        summary.set("topSelf", topOf(self, samples, top));
        summary.set("topJetwayInclusive", topOf(inclusive, samples, top));
        summary.set("areas", topOf(areas, samples, AREAS.size()));
        return summary;
    }

    private static ArrayNode topOf(Map<String, Integer> counts, int samples, int top) {
        ArrayNode rows = Json.MAPPER.createArrayNode();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(top)
                .forEach(e -> rows.addObject().put("frame", e.getKey()).put("samples", e.getValue())
                        .put("percent", samples == 0 ? 0 : Math.round(e.getValue() * 1000.0 / samples) / 10.0));
        return rows;
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
