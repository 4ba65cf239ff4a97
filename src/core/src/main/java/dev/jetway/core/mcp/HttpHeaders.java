package dev.jetway.core.mcp;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Request headers with case-insensitive names, as HTTP defines them. */
public record HttpHeaders(Map<String, List<String>> values) {

    public HttpHeaders {
        Map<String, List<String>> lower = new TreeMap<>();
        values.forEach((name, list) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                .addAll(list));
        lower.replaceAll((k, v) -> List.copyOf(v));
        values = java.util.Collections.unmodifiableMap(lower);
    }

    public static HttpHeaders of(String... namesAndValues) {
        Map<String, List<String>> map = new TreeMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            map.computeIfAbsent(namesAndValues[i].toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                    .add(namesAndValues[i + 1]);
        }
        return new HttpHeaders(map);
    }

    /** The first value of the header, trimmed. */
    public Optional<String> first(String name) {
        List<String> list = values.get(name.toLowerCase(Locale.ROOT));
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0).trim());
    }

    /** All values, with comma-separated lists split, for headers such as Accept. */
    public List<String> tokens(String name) {
        List<String> list = values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        return list.stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(v -> (v.indexOf(';') < 0 ? v : v.substring(0, v.indexOf(';'))).trim().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty()).toList();
    }
}
