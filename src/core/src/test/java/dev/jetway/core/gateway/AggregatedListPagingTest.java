package dev.jetway.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregatedListPagingTest {

    private static Gateway gateway(CountingProviders providers, int pageSize) {
        Gateway gateway = Gateway.startingOnFirstUse(ConfigLoader.parse("""
                gateway: {background_discovery: false, page_size: %d}
                providers:
                  alpha: {mode: remote, url: "http://a.invalid"}
                  beta: {mode: remote, url: "http://b.invalid"}
                  gamma: {mode: remote, url: "http://c.invalid"}
                """.formatted(pageSize), "t.yaml"), providers);
        List.of("alpha", "beta", "gamma").forEach(gateway::warm);
        return gateway;
    }

    private static List<List<String>> allPages(Gateway gateway, ListKind kind) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode page = gateway.list(kind, cursor);
            List<String> keys = new ArrayList<>();
            page.get(kind.resultField()).forEach(item -> keys.add(item.get(kind.itemKey()).asText()));
            pages.add(keys);
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null && pages.size() < 100);
        return pages;
    }

    @Test
    void pagingAcrossSeveralProvidersReturnsEveryItemOfEveryListExactlyOnce() {
        Gateway gateway = gateway(new CountingProviders(Map.of("alpha", 7, "beta", 0, "gamma", 5)), 3);

        for (ListKind kind : ListKind.values()) {
            List<List<String>> pages = allPages(gateway, kind);
            List<String> all = pages.stream().flatMap(List::stream).toList();
            List<String> expected = new ArrayList<>();
            for (String provider : List.of("alpha", "gamma")) {
                for (int i = 0; i < (provider.equals("alpha") ? 7 : 5); i++) {
                    expected.add(kind.namesAreUris() ? provider + "+test://" + provider + "/" + i : provider + "__item" + i);
                }
            }
            assertThat(all).as(kind.method() + ": every item once, in provider order").containsExactlyElementsOf(expected);
            assertThat(pages).as(kind.method() + ": 12 items in pages of at most 3").hasSize(4)
                    .allSatisfy(page -> assertThat(page).hasSizeLessThanOrEqualTo(3));
        }
    }

    @Test
    void theLastPageHasNoNextCursorAndAListThatFitsIsOnePage() {
        Gateway gateway = gateway(new CountingProviders(Map.of("alpha", 2, "beta", 1, "gamma", 0)), 3);

        ObjectNode only = gateway.list(ListKind.TOOLS, null);

        assertThat(only.get("tools")).hasSize(3);
        assertThat(only.has("nextCursor")).as("exactly page_size items and nothing after").isFalse();
    }

    @Test
    void aProviderListThatShrankBetweenPagesContinuesWithTheNextProvider() {
        Catalog catalog = new Catalog(List.of("alpha", "beta"), new NameMapping(true, "__", java.util.Set.of("alpha", "beta")));
        catalog.store("alpha", ListKind.TOOLS, tools(5));
        catalog.store("beta", ListKind.TOOLS, tools(2));
        ListCursor cursor = catalog.page(ListKind.TOOLS, null, 4).next();
        catalog.store("alpha", ListKind.TOOLS, tools(2));

        Catalog.Page next = catalog.page(ListKind.TOOLS, cursor, 4);

        assertThat(cursor).isEqualTo(new ListCursor(ListKind.TOOLS, "alpha", 4));
        assertThat(next.items()).extracting(t -> t.get("name").asText()).containsExactly("beta__item0", "beta__item1");
        assertThat(next.next()).isNull();
    }

    private static ArrayNode tools(int count) {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        for (int i = 0; i < count; i++) tools.addObject().put("name", "item" + i);
        return tools;
    }

    @Test
    void aCursorTheGatewayDidNotIssueIsRefusedAsInvalidParamsWithoutReachingAnyProvider() {
        Gateway gateway = gateway(new CountingProviders(Map.of("alpha", 5, "beta", 0, "gamma", 0)), 2);
        String promptsCursor = gateway.list(ListKind.PROMPTS, null).get("nextCursor").asText();

        for (String bad : List.of("not a cursor!", encode("{}"), encode("[1,2]"), promptsCursor,
                encode("{\"v\":1,\"list\":\"tools/list\",\"provider\":\"../../etc\",\"offset\":0}"),
                encode("{\"v\":1,\"list\":\"tools/list\",\"provider\":\"alpha\",\"offset\":-1}"),
                encode("{\"v\":1,\"list\":\"tools/list\",\"provider\":\"alpha\",\"offset\":1e99}"),
                encode("{\"v\":2,\"list\":\"tools/list\",\"provider\":\"alpha\",\"offset\":0}"),
                encode("{\"v\":1,\"list\":\"tools/list\",\"provider\":\"alpha\",\"offset\":0,\"x\":1}"),
                "A".repeat(10_000))) {
            assertThatThrownBy(() -> gateway.list(ListKind.TOOLS, bad)).as(bad)
                    .isInstanceOf(InvalidParamsException.class)
                    .hasMessageStartingWith("invalid params.cursor: ")
                    .hasMessageEndingWith("; omit the cursor to start from the first page");
        }
    }

    @Test
    void aCursorIsOpaqueTextThatOnlyNamesAPosition() {
        Gateway gateway = gateway(new CountingProviders(Map.of("alpha", 5, "beta", 0, "gamma", 0)), 2);

        String cursor = gateway.list(ListKind.TOOLS, null).get("nextCursor").asText();

        JsonNode decoded = Json.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(Json.write(decoded)).isEqualTo("{\"v\":1,\"list\":\"tools/list\",\"provider\":\"alpha\",\"offset\":2}");
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
