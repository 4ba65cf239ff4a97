package dev.jetway.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that leaves the process as logs, telemetry or error bodies: the values
 * of configured provider headers and environment variables, Authorization headers, bearer tokens,
 * and strings shaped like credentials (JWTs, Jetway API keys, {@code sk-…} keys, AWS access key
 * ids, GitHub and Slack tokens, {@code secret=…}-style assignments). Patterns can miss a secret
 * of a shape nobody predicted; configured values are removed exactly.
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";
    /** Configured values shorter than this are not masked: "1" or "true" would mask half a log line. */
    static final int MIN_SECRET_CHARS = 6;

    private static final List<Pattern> PATTERNS = List.of(
            // Authorization / Proxy-Authorization / X-Api-Key headers as logged: keep the name, drop the value.
            Pattern.compile("(?i)((?:proxy-)?authorization|x-api-key|cookie)(\"?\\s*[:=]\\s*\"?)(?:(?:bearer|basic|token)\\s+)?[^\\s\",}]+"),
            Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}"),
            Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"),
            Pattern.compile("jw_[A-Za-z0-9_-]{16,}"),
            Pattern.compile("sk-[A-Za-z0-9_-]{16,}"),
            Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\\b"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}"),
            Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("(?i)((?:aws_secret_access_key|secret|password|passwd|api[_-]?key|access[_-]?token|client[_-]?secret)"
                    + "\"?\\s*[:=]\\s*\"?)[^\\s\",}]{4,}"));

    private final List<String> secretValues;

    public Redactor(Collection<String> secretValues) {
        this.secretValues = secretValues.stream().filter(v -> v != null && v.length() >= MIN_SECRET_CHARS).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The values of every provider's configured headers and environment variables. */
    public static Redactor forConfig(GatewayConfig config) {
        List<String> values = new ArrayList<>();
        for (ProviderSpec spec : config.providers().values()) {
            values.addAll(spec.headers().values());
            values.addAll(spec.env().values());
            // A bearer header's token alone also appears in messages without its "Bearer " prefix.
            spec.headers().values().stream().filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                    .map(v -> v.substring(7).trim()).forEach(values::add);
        }
        return new Redactor(values);
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (String secret : secretValues) out = out.replace(secret, MASK);
        for (Pattern pattern : PATTERNS) {
            Matcher m = pattern.matcher(out);
            if (!m.find()) continue;
            StringBuilder sb = new StringBuilder();
            do {
                String keep = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) + (m.groupCount() >= 2 && m.group(2) != null ? m.group(2) : "") : "";
                m.appendReplacement(sb, Matcher.quoteReplacement(keep + MASK));
            } while (m.find());
            m.appendTail(sb);
            out = sb.toString();
        }
        return out;
    }

    /**
     * Redacts the string values of a JSON document and writes it again, so the result stays valid
     * JSON (redacting the text would break it where a pattern spans quotes); text that is not JSON
     * is redacted as text.
     */
    public String redactJson(String json) {
        if (json == null || json.isEmpty()) return json;
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json);
        } catch (java.io.IOException | RuntimeException e) {
            return redact(json);
        }
        if (tree == null) return redact(json);
        return Json.write(redactValues(tree));
    }

    private JsonNode redactValues(JsonNode node) {
        if (node instanceof TextNode text) return TextNode.valueOf(redact(text.textValue()));
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> field.setValue(redactValues(field.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) array.set(i, redactValues(array.get(i)));
        }
        return node;
    }
}
