package dev.jetway.core.security;

import static dev.jetway.core.security.PolicyHarness.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * tools/list pages as an authenticated client follows them, with a policy that hides most tools and
 * a pinned provider whose new tools are held: full pages of callable tools, a cursor only when more
 * follow, and every listed tool callable.
 */
class FilteredPagesThroughTheEdgeTest {

    private final ApiKeyAuthenticator.NewKey reader = ApiKeyAuthenticator.generate("reader", Set.of("reader"), new SecureRandom());
    private PolicyHarness harness;

    private static ArrayNode tools(String... names) {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        for (String name : names) tools.add(tool(name, "{}"));
        return tools;
    }

    @BeforeEach
    void gateway() {
        harness = new PolicyHarness("""
                gateway: {background_discovery: false, page_size: 2}
                providers:
                  alpha: {mode: remote, url: "https://alpha.example/mcp"}
                  beta: {mode: remote, url: "https://beta.example/mcp"}
                security:
                  api_keys:
                    - {name: reader, sha256: "%s", roles: [reader]}
                  policy:
                    roles:
                      reader: {allow: ["alpha__get-*", "beta__get-*"]}
                  providers:
                    beta: {pin: pin}
                """.formatted(reader.entry().sha256()), providers -> {
            providers.tools.put("alpha", tools("purge", "get-a", "reset", "drop", "get-b", "wipe", "shutdown"));
            providers.tools.put("beta", tools("get-c", "kill", "get-d"));
        }).warm();
        // beta adds tools the reader's pattern would allow: held until approved.
        harness.providers.tools.put("beta", tools("get-c", "kill", "get-new1", "get-d", "get-new2", "get-new3"));
        harness.runtime.gateway().rediscover("beta");
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void every_page_but_the_last_is_full_of_tools_the_caller_may_call_and_the_last_has_no_cursor() {
        List<List<String>> pages = new ArrayList<>();
        List<Boolean> cursors = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode params = Json.object();
            if (cursor != null) params.put("cursor", cursor);
            JsonNode result = harness.rpc("tools/list", params, null, reader.key()).path("result");
            List<String> names = new ArrayList<>();
            result.path("tools").forEach(item -> names.add(item.path("name").asText()));
            pages.add(names);
            cursor = result.path("nextCursor").isTextual() ? result.path("nextCursor").asText() : null;
            cursors.add(cursor != null);
        } while (cursor != null && pages.size() < 20);

        assertThat(pages).as("4 of 13 tools: neither hidden by the policy nor held, in pages of 2")
                .containsExactly(List.of("alpha__get-a", "alpha__get-b"), List.of("beta__get-c", "beta__get-d"));
        assertThat(cursors).containsExactly(true, false);
        for (String name : List.of("alpha__get-a", "alpha__get-b", "beta__get-c", "beta__get-d")) {
            assertThat(harness.callTool(name, "{}", reader.key()).path("result").path("isError").asBoolean(false))
                    .as(name + " is listed, so it is callable").isFalse();
        }
        for (String name : List.of("alpha__purge", "alpha__wipe", "beta__kill", "beta__get-new1", "beta__get-new3")) {
            assertThat(harness.callTool(name, "{}", reader.key()).path("error").path("code").asInt())
                    .as(name + " is not listed, so it is refused").isEqualTo(-32602);
        }
    }
}
