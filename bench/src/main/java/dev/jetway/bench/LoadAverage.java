package dev.jetway.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's 1-minute load average, sampled after every timed segment: the record of how much
 * else was running while the numbers were taken.
 */
final class LoadAverage {

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private double min = Double.MAX_VALUE;
    private double max;
    private double sum;
    private int samples;

    void sample() {
        double now = now();
        if (now < 0) return;
        min = Math.min(min, now);
        max = Math.max(max, now);
        sum += now;
        samples++;
    }

    static double now() {
        try {
            return Double.parseDouble(Files.readString(LOADAVG).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    ObjectNode json() {
        return Json.object().put("samples", samples).put("min", samples == 0 ? 0 : min).put("max", max)
                .put("mean", samples == 0 ? 0 : Math.round(sum / samples * 100) / 100.0);
    }
}
