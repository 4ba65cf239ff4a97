package dev.jetway.core.security;

import static dev.jetway.core.security.PolicyHarness.array;
import static dev.jetway.core.security.PolicyHarness.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.mcp.JsonRpc;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-tool authorization through the whole request path: for every role and every tool of two
 * providers plus the management tools, a tool is listed if and only if the caller may call it, and
 * a refused call never reaches a provider and reads exactly like a call of a tool that does not exist.
 */
class AuthorizationMatrixTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, ApiKeyAuthenticator.NewKey> keys = new LinkedHashMap<>();
    private PolicyHarness harness;

    @BeforeEach
    void gateway() {
        keys.put("reader", ApiKeyAuthenticator.generate("reader-key", Set.of("reader"), RANDOM));
        keys.put("ops", ApiKeyAuthenticator.generate("ops-key", Set.of("ops"), RANDOM));
        keys.put("admin", ApiKeyAuthenticator.generate("admin-key", Set.of("admin"), RANDOM));
        keys.put("operator", ApiKeyAuthenticator.generate("operator-key", Set.of("operator"), RANDOM));
        keys.put("no-role", ApiKeyAuthenticator.generate("plain-key", Set.of(), RANDOM));
        StringBuilder entries = new StringBuilder();
        keys.values().forEach(k -> entries.append("    - {name: ").append(k.entry().name()).append(", sha256: \"")
                .append(k.entry().sha256()).append("\", roles: ").append(k.entry().roles()).append("}\n"));
        harness = new PolicyHarness("""
                gateway: {background_discovery: false, page_size: 3}
                providers:
                  alpha: {mode: remote, url: "https://alpha.example/mcp"}
                  beta: {mode: remote, url: "https://beta.example/mcp"}
                security:
                  api_keys:
                %s
                  policy:
                    admin_role: operator
                    roles:
                      reader: {allow: ["alpha__echo", "alpha__get-*", "beta__get-?ime"]}
                      ops: {allow: ["beta__*", "alpha+docs://*"]}
                      admin: {allow: ["*"]}
                """.formatted(entries), providers -> {
            providers.tools.put("alpha", array(tool("echo", "{}"), tool("get-sum", "{}"), tool("reset", "{}")));
            providers.tools.put("beta", array(tool("get-time", "{}"), tool("get-times", "{}"), tool("purge", "{}")));
            providers.prompts.put("alpha", array(Json.object().put("name", "greet")));
            providers.resources.put("alpha", array(Json.object().put("uri", "docs://readme"), Json.object().put("uri", "logs://today")));
        }).warm();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void every_role_sees_exactly_the_tools_it_may_call_and_the_management_tools_need_the_admin_role() {
        Set<String> everyTool = new TreeSet<>(harness.listNames("tools/list", keys.get("operator").key()));
        everyTool.addAll(harness.listNames("tools/list", keys.get("admin").key()));
        Set<String> management = new TreeSet<>(everyTool);
        management.removeIf(name -> !name.startsWith("registry_"));
        assertThat(management).as("the management tools the operator (admin_role) sees")
                .contains("registry_list", "registry_invoke", "registry_tools", "registry_approve");

        Map<String, Set<String>> expected = new LinkedHashMap<>();
        expected.put("reader", Set.of("alpha__echo", "alpha__get-sum", "beta__get-time"));
        expected.put("ops", Set.of("beta__get-time", "beta__get-times", "beta__purge"));
        expected.put("admin", Set.of("alpha__echo", "alpha__get-sum", "alpha__reset", "beta__get-time", "beta__get-times",
                "beta__purge"));
        expected.put("operator", management);
        expected.put("no-role", Set.of());

        List<String> mismatches = new ArrayList<>();
        for (var role : expected.entrySet()) {
            String key = keys.get(role.getKey()).key();
            Set<String> listed = new TreeSet<>(harness.listNames("tools/list", key));
            if (!listed.equals(new TreeSet<>(role.getValue()))) {
                mismatches.add(role.getKey() + " lists " + listed + " but should list " + new TreeSet<>(role.getValue()));
            }
            for (String tool : everyTool) {
                boolean callable = !refusedAsUnknown(harness.callTool(tool, "{}", key), tool);
                if (callable != listed.contains(tool)) {
                    mismatches.add(role.getKey() + " × " + tool + ": listed=" + listed.contains(tool) + " callable=" + callable);
                }
            }
        }
        assertThat(mismatches).as("role × tool: listed iff callable, and lists as the policy says").isEmpty();
    }

    @Test
    void a_refused_call_never_reaches_the_provider_and_reads_like_a_call_of_a_tool_that_does_not_exist() {
        String reader = keys.get("reader").key();
        int before = harness.providers.callsTo("alpha");

        JsonNode refused = harness.callTool("alpha__reset", "{}", reader).path("error");
        JsonNode missing = harness.callTool("alpha__no-such-tool", "{}", reader).path("error");

        assertThat(harness.providers.callsTo("alpha")).as("the provider never saw either call").isEqualTo(before);
        assertThat(refused.path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(refused.path("message").asText()).isEqualTo("unknown tool 'alpha__reset'");
        assertThat(missing.path("code").asInt()).isEqualTo(refused.path("code").asInt());
        assertThat(missing.path("message").asText().replace("no-such-tool", "reset"))
                .as("the same answer for a forbidden and a non-existent tool").isEqualTo(refused.path("message").asText());
        assertThat(harness.callTool("alpha__echo", "{}", reader).path("result").path("content").get(0).path("text").asText())
                .isEqualTo("alpha ran echo");
    }

    @Test
    void prompts_and_resources_are_filtered_and_refused_the_same_way() {
        String ops = keys.get("ops").key();
        String admin = keys.get("admin").key();

        assertThat(harness.listNames("prompts/list", ops)).as("ops has no prompt pattern").isEmpty();
        assertThat(harness.listNames("prompts/list", admin)).containsExactly("alpha__greet");
        assertThat(harness.listNames("resources/list", ops)).containsExactly("alpha+docs://readme");
        assertThat(harness.listNames("resources/list", admin)).containsExactly("alpha+docs://readme", "alpha+logs://today");

        JsonNode prompt = harness.rpc("prompts/get", Json.object().put("name", "alpha__greet"), "alpha__greet", ops);
        JsonNode hidden = harness.rpc("resources/read", Json.object().put("uri", "alpha+logs://today"), "alpha+logs://today", ops);
        JsonNode shown = harness.rpc("resources/read", Json.object().put("uri", "alpha+docs://readme"), "alpha+docs://readme", ops);

        assertThat(prompt.path("error").path("message").asText()).isEqualTo("unknown prompt 'alpha__greet'");
        assertThat(hidden.path("error").path("message").asText()).isEqualTo("unknown resource 'alpha+logs://today'");
        assertThat(shown.path("result").path("contents").get(0).path("uri").asText()).isEqualTo("alpha+docs://readme");
    }

    @Test
    void without_a_policy_every_caller_sees_and_calls_everything_as_before() {
        ApiKeyAuthenticator.NewKey plain = ApiKeyAuthenticator.generate("plain", Set.of(), RANDOM);
        try (PolicyHarness open = new PolicyHarness("""
                gateway: {background_discovery: false}
                providers:
                  alpha: {mode: remote, url: "https://alpha.example/mcp"}
                security:
                  api_keys:
                    - {name: plain, sha256: "%s"}
                """.formatted(plain.entry().sha256()),
                providers -> providers.tools.put("alpha", array(tool("reset", "{}")))).warm()) {
            assertThat(open.listNames("tools/list", plain.key())).contains("alpha__reset", "registry_list", "registry_approve");
            assertThat(open.callTool("alpha__reset", "{}", plain.key()).path("result").path("content").get(0).path("text").asText())
                    .isEqualTo("alpha ran reset");
        }
    }

    private static boolean refusedAsUnknown(JsonNode response, String tool) {
        JsonNode error = response.path("error");
        return error.path("code").asInt() == JsonRpc.INVALID_PARAMS
                && error.path("message").asText().equals("unknown tool '" + tool + "'");
    }
}
