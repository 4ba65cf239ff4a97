package dev.jetway.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference page is hand-written: this keeps it from forgetting a type or a version. */
class ReferencePageTest {

    @Test
    void theReadmeHasARowForEveryEventTypeNamingAllItsVersions() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<EventSamplesMatchSchemasTest.TypeVersion> all = new ArrayList<>(EventSamplesMatchSchemasTest.catalogEvents());
        all.addAll(EventSamplesMatchSchemasTest.catalogTelemetry());
        for (EventSamplesMatchSchemasTest.TypeVersion tv : all) {
            String row = readme.lines().filter(l -> l.startsWith("| `" + tv.type() + "` |")).findFirst().orElse("");
            assertThat(row).as("README row of %s", tv.type()).contains("v" + tv.version());
        }
    }
}
