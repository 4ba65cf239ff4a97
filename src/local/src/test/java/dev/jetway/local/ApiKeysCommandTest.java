package dev.jetway.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.security.ApiKeyAuthenticator;
import dev.jetway.core.security.Caller;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) throws Exception {
        return ApiKeys.run(args, new BufferedReader(new StringReader(stdin)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void create_prints_the_key_once_and_an_entry_that_the_config_accepts_and_that_authenticates_the_key() throws Exception {
        assertThat(run("", "create", "--name", "ci", "--roles", "reader,deployer")).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        String key = lines[1].trim();
        String entry = lines[3];

        var config = ConfigLoader.parse("""
                providers:
                  p: {mode: remote, url: "https://p.example/mcp"}
                security:
                  api_keys:
                %s
                """.formatted(entry), "pasted.yaml");
        Caller caller = new ApiKeyAuthenticator(config.security().apiKeys()).authenticate(key);

        assertThat(key).startsWith("jw_");
        assertThat(caller).isEqualTo(new Caller("key:ci", Set.of("reader", "deployer"), Set.of()));
        assertThat(out.toString(StandardCharsets.UTF_8).split(key, -1)).as("the key is printed exactly once").hasSize(2);
    }

    @Test
    void hash_prints_the_hash_of_a_key_read_from_stdin_to_find_the_entry_to_revoke() throws Exception {
        assertThat(run("jw_abc\n", "hash")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo(ApiKeyAuthenticator.sha256Hex("jw_abc"));
    }

    @Test
    void create_without_a_name_explains_the_usage() throws Exception {
        assertThat(run("", "create", "--roles", "reader")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--name is required").contains("usage:");
    }
}
