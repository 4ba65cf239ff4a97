package dev.jetway.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.json.Json;
import dev.jetway.core.security.Caller;
import dev.jetway.core.upstream.Cancellation;
import dev.jetway.core.upstream.UpstreamListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lists are filtered before they are paged: whatever a policy or pinning hides, every page but the
 * last holds exactly {@code page_size} items the caller may see, a cursor is handed out only when
 * another such item follows, and the pages together are exactly what the caller may call.
 */
class FilteredListPagingTest {

    private static final Caller READER = new Caller("key:reader", Set.of("reader"), Set.of());
    private static final Caller NOBODY = new Caller("key:nobody", Set.of("nobody"), Set.of());
    private static final Caller OPERATOR = new Caller("key:ops", Set.of("admin", "reader"), Set.of());

    /** One management tool, so that the last page has something to be closed with. */
    private static final class OneManagementTool implements BuiltInTools {
        public ArrayNode definitions() {
            ArrayNode tools = Json.MAPPER.createArrayNode();
            tools.addObject().put("name", "registry_ping").putObject("inputSchema").put("type", "object");
            return tools;
        }

        public boolean offers(String toolName) {
            return toolName.equals("registry_ping");
        }

        public ObjectNode call(String toolName, ObjectNode arguments) {
            return Json.object().put("isError", false);
        }
    }

    /** alpha 10, beta 4, gamma 11 items; the reader may use 7 of the 25, none of them first or last. */
    private static Gateway gatewayWithPolicy(int pageSize) {
        Gateway gateway = Gateway.startingOnFirstUse(ConfigLoader.parse("""
                gateway: {background_discovery: false, page_size: %d}
                providers:
                  alpha: {mode: remote, url: "http://a.invalid"}
                  beta: {mode: remote, url: "http://b.invalid"}
                  gamma: {mode: remote, url: "http://c.invalid"}
                security:
                  policy:
                    roles:
                      reader: {allow: ["alpha__item1", "alpha__item8", "beta__item0", "gamma__item2", "gamma__item5",
                                       "gamma__item6", "gamma__item8", "alpha+test://alpha/4", "gamma+test://gamma/7"]}
                      nobody: {allow: []}
                """.formatted(pageSize), "t.yaml"), new CountingProviders(Map.of("alpha", 10, "beta", 4, "gamma", 11)));
        List.of("alpha", "beta", "gamma").forEach(gateway::warm);
        gateway.serveBuiltInTools(new OneManagementTool());
        return gateway;
    }

    private record Page(List<String> names, boolean hasNextCursor) {}

    private static List<Page> allPages(Gateway gateway, ListKind kind, Caller caller) {
        List<Page> pages = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode page = gateway.list(kind, cursor, caller);
            List<String> names = new ArrayList<>();
            page.get(kind.resultField()).forEach(item -> names.add(item.get(kind.itemKey()).asText()));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            pages.add(new Page(names, cursor != null));
        } while (cursor != null && pages.size() < 100);
        return pages;
    }

    /** Every name of the list as the gateway itself sees it (no caller: nothing hidden by policy). */
    private static List<String> everyName(Gateway gateway, ListKind kind) {
        return allPages(gateway, kind, null).stream().flatMap(page -> page.names().stream()).toList();
    }

    private static String routedMethod(ListKind kind) {
        return switch (kind) {
            case TOOLS -> "tools/call";
            case PROMPTS -> "prompts/get";
            case RESOURCES, RESOURCE_TEMPLATES -> "resources/read";
        };
    }

    /** Whether the caller may use the name: the routed request reaches a provider instead of being refused. */
    private static boolean usable(Gateway gateway, ListKind kind, String name, Caller caller) {
        ObjectNode params = Json.object().put(kind.namesAreUris() ? "uri" : "name", name);
        try {
            gateway.route(routedMethod(kind), params, UpstreamListener.NONE, Cancellation.none(), caller);
            return true;
        } catch (UnknownNameException | InvalidParamsException refused) {
            return false;
        }
    }

    /** The invariants of honest pages, with the page size and list in each description. */
    private static void assertHonestPages(List<Page> pages, int pageSize, Set<String> usable, String what) {
        List<String> all = pages.stream().flatMap(page -> page.names().stream()).toList();
        assertThat(all).as(what + ": no item on two pages").doesNotHaveDuplicates();
        assertThat(new HashSet<>(all)).as(what + ": the pages together are exactly what the caller may use")
                .isEqualTo(usable);
        for (int i = 0; i < pages.size() - 1; i++) {
            assertThat(pages.get(i).names()).as(what + ": page " + (i + 1) + " of " + pages.size() + " is full")
                    .hasSize(pageSize);
        }
        Page last = pages.get(pages.size() - 1);
        assertThat(last.hasNextCursor()).as(what + ": the last page has no cursor").isFalse();
        assertThat(last.names()).as(what + ": the last page holds at most page_size items").hasSizeLessThanOrEqualTo(pageSize);
        if (!usable.isEmpty()) {
            assertThat(last.names()).as(what + ": no empty page after a cursor").isNotEmpty();
        }
    }

    @Test
    void aPolicyThatHidesMostItemsStillFillsEveryPageButTheLastWithItemsTheCallerMayUse() {
        for (int pageSize = 1; pageSize <= 8; pageSize++) {
            Gateway gateway = gatewayWithPolicy(pageSize);
            for (ListKind kind : List.of(ListKind.TOOLS, ListKind.PROMPTS, ListKind.RESOURCES)) {
                Set<String> usable = new LinkedHashSet<>();
                for (String name : everyName(gateway, kind)) {
                    if (!name.startsWith("registry_") && usable(gateway, kind, name, READER)) usable.add(name);
                }

                List<Page> pages = allPages(gateway, kind, READER);

                assertHonestPages(pages, pageSize, usable, kind.method() + " with page_size " + pageSize);
            }
            gateway.close();
        }
    }

    @Test
    void theReaderSeesExactlyTheToolsThePolicyAllowsInProviderOrder() {
        Gateway gateway = gatewayWithPolicy(3);

        List<Page> pages = allPages(gateway, ListKind.TOOLS, READER);

        assertThat(pages).extracting(Page::names).as("7 of 25 tools in pages of 3; the hidden tail makes no page")
                .containsExactly(List.of("alpha__item1", "alpha__item8", "beta__item0"),
                        List.of("gamma__item2", "gamma__item5", "gamma__item6"),
                        List.of("gamma__item8"));
        gateway.close();
    }

    @Test
    void whenTheVisibleItemsFillTheLastPageExactlyNoCursorPointsAtTheHiddenItemsAfterIt() {
        Gateway gateway = gatewayWithPolicy(7);

        ObjectNode only = gateway.list(ListKind.TOOLS, null, READER);

        assertThat(only.get("tools")).as("all 7 tools the reader may use").hasSize(7);
        assertThat(only.has("nextCursor")).as("only hidden tools follow: there is no next page").isFalse();
        gateway.close();
    }

    @Test
    void aCallerWhoMayUseNothingGetsOneEmptyPageWithoutACursor() {
        Gateway gateway = gatewayWithPolicy(2);

        ObjectNode page = gateway.list(ListKind.TOOLS, null, NOBODY);

        assertThat(page.get("tools")).isEmpty();
        assertThat(page.has("nextCursor")).isFalse();
        gateway.close();
    }

    @Test
    void theManagementToolsCloseTheLastPageOnlyForCallersPermittedManagement() {
        Gateway gateway = gatewayWithPolicy(3);

        List<Page> operator = allPages(gateway, ListKind.TOOLS, OPERATOR);
        List<Page> reader = allPages(gateway, ListKind.TOOLS, READER);

        assertThat(operator).hasSize(3);
        assertThat(operator.get(2).names()).as("the reader's last tool, then the management tool")
                .containsExactly("gamma__item8", "registry_ping");
        assertThat(operator.subList(0, 2)).allSatisfy(page -> assertThat(page.names()).doesNotContain("registry_ping"));
        assertThat(reader.stream().flatMap(page -> page.names().stream())).doesNotContain("registry_ping");
        gateway.close();
    }

    /** alpha lists 3 tools (approved on first use), then 12: its 9 new tools are held. gamma has 2. */
    private static Gateway gatewayWithHeldTools(int pageSize) {
        CountingProviders providers = new CountingProviders(Map.of("alpha", 3, "beta", 0, "gamma", 2));
        Gateway gateway = Gateway.startingOnFirstUse(ConfigLoader.parse("""
                gateway: {background_discovery: false, page_size: %d}
                providers:
                  alpha: {mode: remote, url: "http://a.invalid"}
                  beta: {mode: remote, url: "http://b.invalid"}
                  gamma: {mode: remote, url: "http://c.invalid"}
                security:
                  providers:
                    alpha: {pin: pin}
                """.formatted(pageSize), "t.yaml"), providers);
        List.of("alpha", "beta", "gamma").forEach(gateway::warm);
        providers.counts.put("alpha", 12);
        gateway.rediscover("alpha");
        return gateway;
    }

    @Test
    void toolsHeldByPinningAreSkippedBeforeTheyAreCountedAndThePagesAreExactlyTheCallableTools() {
        for (int pageSize = 1; pageSize <= 6; pageSize++) {
            Gateway gateway = gatewayWithHeldTools(pageSize);
            Set<String> callable = new LinkedHashSet<>();
            for (int i = 0; i < 12; i++) {
                if (usable(gateway, ListKind.TOOLS, "alpha__item" + i, null)) callable.add("alpha__item" + i);
            }
            for (int i = 0; i < 2; i++) {
                if (usable(gateway, ListKind.TOOLS, "gamma__item" + i, null)) callable.add("gamma__item" + i);
            }
            assertThat(callable).as("the 9 new tools of alpha are held")
                    .containsExactly("alpha__item0", "alpha__item1", "alpha__item2", "gamma__item0", "gamma__item1");

            List<Page> pages = allPages(gateway, ListKind.TOOLS, null);

            assertHonestPages(pages, pageSize, callable, "tools/list with page_size " + pageSize);
            gateway.close();
        }
    }

    @Test
    void onceTheHeldToolsAreApprovedThePagesAreFullOfThemToo() {
        Gateway gateway = gatewayWithHeldTools(4);

        gateway.approveTools("alpha", 2, "test");
        List<Page> pages = allPages(gateway, ListKind.TOOLS, null);

        assertThat(pages).extracting(page -> page.names().size()).as("14 tools in pages of 4").containsExactly(4, 4, 4, 2);
        gateway.close();
    }
}
