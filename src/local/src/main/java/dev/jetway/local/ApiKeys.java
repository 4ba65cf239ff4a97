package dev.jetway.local;

import dev.jetway.core.security.ApiKeyAuthenticator;
import dev.jetway.core.security.ApiKeyEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The admin command for API keys: {@code create} makes a key, prints it once and prints the hashed
 * entry for {@code security.api_keys}; {@code hash} prints the hash of a key read from stdin, to find
 * the entry of a key that must be revoked. Jetway never stores or logs a key.
 */
public final class ApiKeys {

    static final String USAGE = """
            usage: ApiKeys create --name NAME [--roles ROLE,ROLE]
                   ApiKeys hash < file-with-the-key""";

    private ApiKeys() {}

    public static void main(String[] args) throws Exception {
        int status = run(args, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out, System.err);
        if (status != 0) System.exit(status);
    }

    static int run(String[] args, BufferedReader in, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        switch (args[0]) {
            case "create" -> {
                String name = null;
                Set<String> roles = new LinkedHashSet<>();
                for (int i = 1; i < args.length; i++) {
                    if (i + 1 >= args.length) return usage(err, args[i] + " needs a value");
                    switch (args[i]) {
                        case "--name" -> name = args[++i];
                        case "--roles" -> Arrays.stream(args[++i].split(",")).map(String::trim)
                                .filter(r -> !r.isEmpty()).forEach(roles::add);
                        default -> {
                            return usage(err, "unknown option " + args[i]);
                        }
                    }
                }
                if (name == null) return usage(err, "--name is required");
                ApiKeyAuthenticator.NewKey created;
                try {
                    created = ApiKeyAuthenticator.generate(name, roles, new SecureRandom());
                } catch (IllegalArgumentException e) {
                    return usage(err, e.getMessage());
                }
                ApiKeyEntry entry = created.entry();
                out.println("API key for '" + name + "' (shown once: Jetway stores only its SHA-256):");
                out.println("  " + created.key());
                out.println("Add this entry under security.api_keys in the gateway's config:");
                out.println("    - {name: " + name + ", sha256: \"" + entry.sha256() + "\", roles: [" + String.join(", ", entry.roles()) + "]}");
                out.println("Clients send it as: Authorization: Bearer <key>. To revoke it, set 'revoked: true' on the entry"
                        + " (or delete it) and restart the gateway.");
                return 0;
            }
            case "hash" -> {
                String key = in.readLine();
                if (key == null || key.isBlank()) return usage(err, "hash reads the key from stdin");
                out.println(ApiKeyAuthenticator.sha256Hex(key.trim()));
                return 0;
            }
            default -> {
                return usage(err, "unknown command " + args[0]);
            }
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("ApiKeys: " + problem);
        err.println(USAGE);
        return 2;
    }
}
