package dev.jetway.aws.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ${secretsmanager:NAME}} or {@code ${secretsmanager:NAME#JSON_KEY}} in a setting.
 * NAME is the secret's name or ARN; JSON_KEY picks one field of a secret stored as a JSON object.
 *
 * @param jsonKey the field to use, or null for the whole secret string
 */
public record SecretReference(String secretId, String jsonKey) {

    static final String START = "${secretsmanager:";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{secretsmanager:([^#}\\s]+)(?:#([^}\\s]+))?}");

    public SecretReference {
        Objects.requireNonNull(secretId, "secretId");
    }

    /** The references in a value; empty when there are none. */
    public static List<SecretReference> in(String value) {
        check(value);
        List<SecretReference> found = new ArrayList<>();
        Matcher m = REFERENCE.matcher(value);
        while (m.find()) found.add(new SecretReference(m.group(1), m.group(2)));
        return found;
    }

    /** The value with every reference replaced by what {@code resolve} gives for it. */
    public static String substitute(String value, Function<SecretReference, String> resolve) {
        check(value);
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(resolve.apply(new SecretReference(m.group(1), m.group(2)))));
        m.appendTail(out);
        return out.toString();
    }

    /** @throws IllegalArgumentException when a reference is started but malformed */
    static void check(String value) {
        String rest = REFERENCE.matcher(value).replaceAll("");
        if (rest.contains(START)) {
            throw new IllegalArgumentException("malformed secret reference; expected ${secretsmanager:NAME} or "
                    + "${secretsmanager:NAME#JSON_KEY}");
        }
    }

    @Override
    public String toString() {
        return jsonKey == null ? secretId : secretId + "#" + jsonKey;
    }
}
