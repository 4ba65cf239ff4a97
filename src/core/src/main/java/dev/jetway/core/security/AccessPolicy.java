package dev.jetway.core.security;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who may use what: the {@code security.policy} section. Each role (from an API key or the token's
 * roles claim) and each OAuth scope grants a list of glob patterns over client-visible names: tool
 * and prompt names ({@code everything__echo}) and resource URIs ({@code everything+test://static/1}).
 * {@code *} matches any run of characters, {@code ?} one character. A caller may use a name when
 * any of its roles or scopes has a matching pattern; nothing else is allowed (deny by default).
 * The management tools ({@code registry_*}) are allowed only to callers with {@link #adminRole}.
 */
public final class AccessPolicy {

    /** The role name the management tools require unless {@code admin_role} says otherwise. */
    public static final String DEFAULT_ADMIN_ROLE = "admin";

    private static final Pattern MAY_HAVE_DOT_SEGMENT = Pattern.compile("/\\.|%2[eEfF]");
    private static final Pattern ENCODED_DOT = Pattern.compile("%2[eE]");
    private static final Pattern ENCODED_SLASH = Pattern.compile("%2[fF]");

    private final String adminRole;
    private final Map<String, List<Pattern>> roles;
    private final Map<String, List<Pattern>> scopes;

    /**
     * @param roles role name → allowed patterns
     * @param scopes OAuth scope → allowed patterns
     * @throws IllegalArgumentException for a blank admin role or a blank pattern
     */
    public AccessPolicy(String adminRole, Map<String, List<String>> roles, Map<String, List<String>> scopes) {
        this.adminRole = adminRole == null ? DEFAULT_ADMIN_ROLE : adminRole;
        if (this.adminRole.isBlank()) throw new IllegalArgumentException("admin_role must not be blank");
        this.roles = compiled(Objects.requireNonNullElse(roles, Map.of()));
        this.scopes = compiled(Objects.requireNonNullElse(scopes, Map.of()));
    }

    public String adminRole() {
        return adminRole;
    }

    /**
     * Whether the caller may see and use the tool, prompt, resource or template of this client-visible
     * name. A URI with dot segments ({@code /public/../secret}, also percent-encoded) must be allowed
     * both as written and with the segments resolved, so {@code fs+file:///public/*} does not reach
     * {@code fs+file:///public/../etc/passwd}.
     */
    public boolean permits(Caller caller, String exposedName) {
        String resolved = withoutDotSegments(exposedName);
        return permitsAsWritten(caller, exposedName) && (resolved.equals(exposedName) || permitsAsWritten(caller, resolved));
    }

    private boolean permitsAsWritten(Caller caller, String exposedName) {
        for (String role : caller.roles()) {
            if (matches(roles.get(role), exposedName)) return true;
        }
        for (String scope : caller.scopes()) {
            if (matches(scopes.get(scope), exposedName)) return true;
        }
        return false;
    }

    /** Whether the caller may see and use the management tools. */
    public boolean permitsManagement(Caller caller) {
        return caller.hasRole(adminRole);
    }

    /**
     * The name with {@code .} and {@code ..} path segments resolved (after decoding {@code %2e} and
     * {@code %2f}), as a server resolving the path would; a {@code ..} never climbs above the part
     * before the first path segment ({@code scheme://authority}).
     */
    static String withoutDotSegments(String name) {
        // Most names (every tool name, most URIs) have no dot segment: one scan, nothing allocated.
        if (!MAY_HAVE_DOT_SEGMENT.matcher(name).find()) return name;
        String decoded = ENCODED_SLASH.matcher(ENCODED_DOT.matcher(name).replaceAll(".")).replaceAll("/");
        int authority = decoded.indexOf("://");
        int pathStart = authority < 0 ? 0 : decoded.indexOf('/', authority + 3);
        if (pathStart < 0) return name;
        Deque<String> segments = new ArrayDeque<>();
        String[] parts = decoded.substring(pathStart).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (part.equals(".") || part.equals("..")) {
                if (part.equals("..") && segments.size() > 1) segments.pollLast();
                if (last) segments.addLast("");
            } else {
                segments.addLast(part);
            }
        }
        String resolved = decoded.substring(0, pathStart) + String.join("/", segments);
        return resolved.equals(decoded) ? name : resolved;
    }

    /** A glob as a regular expression: {@code *} any run, {@code ?} one character, everything else literal. */
    static Pattern glob(String glob) {
        if (glob == null || glob.isBlank()) throw new IllegalArgumentException("a pattern must be a non-empty string");
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c != '*' && c != '?') {
                literal.append(c);
                continue;
            }
            if (!literal.isEmpty()) regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
            regex.append(c == '*' ? ".*" : ".");
        }
        if (!literal.isEmpty()) regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static boolean matches(List<Pattern> patterns, String name) {
        if (patterns == null) return false;
        for (Pattern pattern : patterns) {
            if (pattern.matcher(name).matches()) return true;
        }
        return false;
    }

    private static Map<String, List<Pattern>> compiled(Map<String, List<String>> grants) {
        Map<String, List<Pattern>> out = new LinkedHashMap<>();
        grants.forEach((who, globs) -> {
            List<Pattern> patterns = new ArrayList<>();
            for (String g : globs) patterns.add(glob(g));
            out.put(who, List.copyOf(patterns));
        });
        return Map.copyOf(out);
    }
}
