package dev.jetway.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sortsKeysAtEveryDepthAndDropsWhitespace() {
        String canonical = CanonicalJson.of(Json.parse("{ \"b\": [ {\"z\":1, \"a\":2} ], \"a\": \"x\" }"));
        assertThat(canonical).isEqualTo("{\"a\":\"x\",\"b\":[{\"a\":2,\"z\":1}]}");
    }

    @Test
    void theHashIsTheSha256OfTheCanonicalForm() {
        // sha256("{}") as computed by `printf '{}' | sha256sum`
        assertThat(CanonicalJson.sha256(Json.parse(" { } ")))
                .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    @Test
    void arrayOrderMatters() {
        assertThat(CanonicalJson.sha256(Json.parse("[1,2]"))).isNotEqualTo(CanonicalJson.sha256(Json.parse("[2,1]")));
    }
}
