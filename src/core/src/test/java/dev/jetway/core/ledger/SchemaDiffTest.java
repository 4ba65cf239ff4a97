package dev.jetway.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

    @Test
    void keyOrderInsideAnItemIsNotAChange() {
        SchemaDiff diff = SchemaDiff.between(ListMethod.TOOLS,
                Json.parse("{\"tools\":[{\"name\":\"a\",\"inputSchema\":{\"type\":\"object\",\"properties\":{}}}]}"),
                Json.parse("{\"tools\":[{\"inputSchema\":{\"properties\":{},\"type\":\"object\"},\"name\":\"a\"}]}"));

        assertThat(diff.isEmpty()).isTrue();
    }

    @Test
    void addedRemovedAndChangedAreSortedByNameAndChangedFieldsNameAddedRemovedAndAlteredFields() {
        SchemaDiff diff = SchemaDiff.between(ListMethod.PROMPTS,
                Json.parse("""
                        {"prompts":[{"name":"z","description":"old","arguments":[]},{"name":"gone"},{"name":"same"}]}"""),
                Json.parse("""
                        {"prompts":[{"name":"same"},{"name":"new-b"},{"name":"z","arguments":[{"name":"x"}],"title":"Z"},{"name":"new-a"}]}"""));

        assertThat(diff.added()).containsExactly("new-a", "new-b");
        assertThat(diff.removed()).containsExactly("gone");
        assertThat(diff.changed()).containsExactly(new SchemaDiff.ChangedItem("z", List.of("arguments", "description", "title")));
        assertThat(diff.changedNames()).containsExactly("z");
    }

    @Test
    void fromNothingEveryItemIsAdded() {
        SchemaDiff diff = SchemaDiff.fromNothing(ListMethod.RESOURCE_TEMPLATES,
                Json.parse("{\"resourceTemplates\":[{\"uriTemplate\":\"b://{x}\"},{\"uriTemplate\":\"a://{y}\"}]}"));

        assertThat(diff.added()).containsExactly("a://{y}", "b://{x}");
        assertThat(diff.removed()).isEmpty();
        assertThat(diff.changed()).isEmpty();
    }
}
