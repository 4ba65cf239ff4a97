package dev.jetway.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class XrayIdGeneratorTest {

    @Test
    void traceIdsStartWithTheEpochSecondInHexAsXRayRequires() {
        Instant now = Instant.parse("2026-05-01T10:00:00Z");
        XrayIdGenerator generator = new XrayIdGenerator(Clock.fixed(now, ZoneOffset.UTC));

        String traceId = generator.generateTraceId();

        assertThat(traceId).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(Long.parseLong(traceId.substring(0, 8), 16)).as("X-Ray rejects ids whose time is off by more than "
                + "a month: the first 32 bits are the epoch second").isEqualTo(now.getEpochSecond());
    }

    @Test
    void idsDifferAndAreNeverAllZero() {
        XrayIdGenerator generator = new XrayIdGenerator(Clock.systemUTC());
        Set<String> spans = new HashSet<>();
        Set<String> traces = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            spans.add(generator.generateSpanId());
            traces.add(generator.generateTraceId());
        }
        assertThat(spans).hasSize(1000).doesNotContain("0000000000000000");
        assertThat(traces).hasSize(1000);
    }
}
