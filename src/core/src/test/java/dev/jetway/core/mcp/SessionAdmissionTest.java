package dev.jetway.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.json.Json;
import org.junit.jupiter.api.Test;

/** Client data is measured in UTF-8 bytes of JSON, exactly at the limit, without writing out what is over it. */
class SessionAdmissionTest {

    @Test
    void anObjectOfExactlyTheLimitFitsAndOneByteMoreDoesNot() {
        String json = "{\"name\":\"" + "a".repeat(100) + "\"}";
        int bytes = json.length();

        assertThat(SessionAdmission.tooLarge(Json.parse(json), bytes)).as("at the limit").isFalse();
        assertThat(SessionAdmission.tooLarge(Json.parse(json), bytes - 1)).as("one byte over").isTrue();
    }

    @Test
    void bytesNotCharactersAreCounted() {
        // 100 characters of two UTF-8 bytes each, plus {"n":""}
        String json = "{\"n\":\"" + "é".repeat(100) + "\"}";

        assertThat(SessionAdmission.tooLarge(Json.parse(json), 208)).as("208 bytes, 108 characters").isFalse();
        assertThat(SessionAdmission.tooLarge(Json.parse(json), 207)).isTrue();
    }

    @Test
    void aHugeObjectIsFoundTooLargeAndAnythingButAnObjectIsNotKeptSoNotMeasured() {
        String huge = "{\"padding\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";

        assertThat(SessionAdmission.tooLarge(Json.parse(huge), 8192)).isTrue();
        assertThat(SessionAdmission.tooLarge(Json.parse("\"" + "x".repeat(10_000) + "\""), 8192))
                .as("a string clientInfo is not stored, so it is not refused either").isFalse();
    }
}
