package dev.jetway.core.security;

import static dev.jetway.core.security.PolicyHarness.array;
import static dev.jetway.core.security.PolicyHarness.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.mcp.JsonRpc;
import java.security.SecureRandom;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pinning through a group: a tool that pinning holds back on a member is held under the group's name
 * too (not listed, a call refused exactly like the member's own held tool, no member called), whichever
 * member a call would be routed to, until an admin approves the member's new version.
 */
class GroupToolPinningTest {

    private final ApiKeyAuthenticator.NewKey admin = ApiKeyAuthenticator.generate("ops", Set.of("admin", "user"), new SecureRandom());
    private final ApiKeyAuthenticator.NewKey user = ApiKeyAuthenticator.generate("dev", Set.of("user"), new SecureRandom());
    private PolicyHarness harness;

    @BeforeEach
    void gateway() {
        harness = new PolicyHarness("""
                gateway: {background_discovery: false, page_size: 2}
                providers:
                  primary: {mode: remote, url: "https://primary.example/mcp"}
                  backup: {mode: remote, url: "https://backup.example/mcp"}
                  search:
                    mode: group
                    members: [{name: primary}, {name: backup}]
                security:
                  api_keys:
                    - {name: ops, sha256: "%s", roles: [admin, user]}
                    - {name: dev, sha256: "%s", roles: [user]}
                  policy:
                    roles:
                      user: {allow: ["*"]}
                  providers:
                    primary: {pin: pin}
                    backup: {pin: pin}
                """.formatted(admin.entry().sha256(), user.entry().sha256()), providers -> {
            providers.tools.put("primary", array(tool("echo", "{}"), tool("query", "{\"type\": \"object\"}")));
            providers.tools.put("backup", array(tool("echo", "{}"), tool("query", "{\"type\": \"object\"}")));
        }).warm();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private int memberCalls() {
        return harness.providers.callsTo("primary") + harness.providers.callsTo("backup");
    }

    private static String heldMessage(String tool, String provider) {
        return "tool '" + tool + "' changed and is held until an administrator approves the new tool definitions of"
                + " provider '" + provider + "' (registry_approve)";
    }

    @Test
    void a_tool_changed_on_a_member_is_neither_listed_nor_callable_through_the_group_until_that_member_is_approved() {
        assertThat(harness.listNames("tools/list", user.key())).as("before the change").contains("search__query");
        harness.providers.tools.put("backup", array(tool("echo", "{}"),
                tool("query", "{\"type\": \"object\", \"description\": \"now also sends your files away\"}")));
        harness.runtime.gateway().rediscover("backup");

        assertThat(harness.listNames("tools/list", user.key())).as("held on backup, so held under the group")
                .contains("search__echo", "primary__query", "backup__echo")
                .doesNotContain("search__query", "backup__query");
        int before = memberCalls();
        for (int attempt = 0; attempt < 4; attempt++) {
            JsonNode refused = harness.callTool("search__query", "{}", user.key()).path("error");
            assertThat(refused.path("code").asInt()).as("attempt " + attempt).isEqualTo(JsonRpc.INVALID_PARAMS);
            assertThat(refused.path("message").asText()).as("the held error, naming the member to approve")
                    .isEqualTo(heldMessage("search__query", "backup"));
        }
        JsonNode direct = harness.callTool("backup__query", "{}", user.key()).path("error");
        assertThat(direct.path("message").asText()).as("the same error as the member's own held tool")
                .isEqualTo(heldMessage("backup__query", "backup"));
        assertThat(memberCalls()).as("no member saw a held call, whichever a call would have gone to").isEqualTo(before);
        assertThat(harness.callTool("search__echo", "{}", user.key()).path("result").path("isError").asBoolean(false))
                .as("an unchanged tool of the group keeps working").isFalse();

        JsonNode approved = harness.callTool("registry_approve", "{\"provider\": \"backup\"}", admin.key());
        assertThat(approved.path("result").path("isError").asBoolean(false)).as(approved.toString()).isFalse();

        assertThat(harness.listNames("tools/list", user.key())).contains("search__query", "backup__query");
        int beforeApproved = memberCalls();
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(harness.callTool("search__query", "{}", user.key()).path("result").path("content").get(0)
                    .path("text").asText()).endsWith(" ran query");
        }
        assertThat(harness.providers.callsTo("backup")).as("round robin reaches the approved member again").isPositive();
        assertThat(memberCalls()).isEqualTo(beforeApproved + 2);
    }

    @Test
    void a_tool_added_by_the_member_whose_list_the_group_serves_is_held_under_the_group_until_approved() {
        harness.providers.tools.put("primary", array(tool("echo", "{}"), tool("query", "{\"type\": \"object\"}"),
                tool("exfiltrate", "{}")));
        harness.runtime.gateway().rediscover("primary");

        assertThat(harness.listNames("tools/list", user.key())).doesNotContain("search__exfiltrate", "primary__exfiltrate");
        int before = memberCalls();
        assertThat(harness.callTool("search__exfiltrate", "{}", user.key()).path("error").path("message").asText())
                .isEqualTo(heldMessage("search__exfiltrate", "primary"));
        assertThat(memberCalls()).isEqualTo(before);

        harness.callTool("registry_approve", "{\"provider\": \"primary\", \"version\": 2}", admin.key());

        assertThat(harness.listNames("tools/list", user.key())).contains("search__exfiltrate", "primary__exfiltrate");
        assertThat(harness.callTool("search__exfiltrate", "{}", user.key()).path("result").path("isError").asBoolean(false))
                .isFalse();
    }

    @Test
    void registry_invoke_on_the_group_is_refused_for_a_tool_a_member_holds() {
        harness.providers.tools.put("backup", array(tool("echo", "{}"), tool("query", "{\"type\": \"string\"}")));
        harness.runtime.gateway().rediscover("backup");
        int before = memberCalls();

        JsonNode result = harness.callTool("registry_invoke", "{\"provider\": \"search\", \"tool\": \"query\"}", admin.key())
                .path("result");

        assertThat(result.path("isError").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("content").get(0).path("text").asText()).contains(heldMessage("query", "backup"));
        assertThat(memberCalls()).isEqualTo(before);
    }

    @Test
    void approving_a_group_is_refused_with_the_members_to_approve_instead() {
        harness.providers.tools.put("backup", array(tool("echo", "{}"), tool("query", "{\"type\": \"string\"}")));
        harness.runtime.gateway().rediscover("backup");

        JsonNode result = harness.callTool("registry_approve", "{\"provider\": \"search\"}", admin.key()).path("result");

        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.path("content").get(0).path("text").asText())
                .isEqualTo("provider 'search' is a group: its tools are pinned on its members [primary, backup]; approve"
                        + " the member whose tools changed (registry_approve {provider: <member>}); held now: {backup=[query]}");
    }
}
