package dev.jetway.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.assertions.Template;

/** Reads a synthesized template as plain maps. */
final class Templates {

    private Templates() {}

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resources(Template template) {
        return (Map<String, Map<String, Object>>) template.toJSON().get("Resources");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> ofType(Template template, String type) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        resources(template).forEach((id, r) -> {
            if (type.equals(r.get("Type"))) out.put(id, (Map<String, Object>) r.get("Properties"));
        });
        return out;
    }

    static Map<String, Integer> countByType(Template template) {
        Map<String, Integer> counts = new TreeMap<>();
        resources(template).values().forEach(r -> counts.merge((String) r.get("Type"), 1, Integer::sum));
        return counts;
    }

    /** Every statement of every inline policy, with the logical id of the policy. */
    @SuppressWarnings("unchecked")
    static List<Map.Entry<String, Map<String, Object>>> statements(Template template) {
        return ofType(template, "AWS::IAM::Policy").entrySet().stream()
                .flatMap(p -> ((List<Map<String, Object>>) ((Map<String, Object>) p.getValue().get("PolicyDocument"))
                        .get("Statement")).stream().map(s -> Map.entry(p.getKey(), s)))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> asList(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }
}
