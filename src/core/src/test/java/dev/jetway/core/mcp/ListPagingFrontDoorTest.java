package dev.jetway.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListPagingFrontDoorTest {

    private final FrontDoorHarness door = new FrontDoorHarness("""
            gateway: {background_discovery: false, page_size: 2}
            providers:
              alpha: {mode: remote, url: "http://alpha.invalid/mcp"}
              beta: {mode: remote, url: "http://beta.invalid/mcp"}
            """);

    private String startedSession() {
        door.providers.script("alpha", ScriptedProviders.toolProvider("a1", "a2", "a3"));
        door.providers.script("beta", ScriptedProviders.toolProvider("b1", "b2"));
        door.gateway.warm("alpha");
        door.gateway.warm("beta");
        return door.initialize("2025-11-25");
    }

    @Test
    void aClientFollowingNextCursorSeesEveryToolOnce() {
        String session = startedSession();
        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String params = cursor == null ? "{}" : "{\"cursor\":\"" + cursor + "\"}";
            ObjectNode page = door.call(session, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":" + params + "}");
            page.at("/result/tools").forEach(tool -> names.add(tool.get("name").asText()));
            cursor = page.at("/result/nextCursor").isTextual() ? page.at("/result/nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(names).containsExactly("alpha__a1", "alpha__a2", "alpha__a3", "beta__b1", "beta__b2");
        assertThat(pages).as("page_size 2").isEqualTo(3);
    }

    @Test
    void aBadCursorIsInvalidParamsThatSaysWhatToDo() {
        String session = startedSession();

        ObjectNode forged = door.call(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"cursor\":\"eyJ4IjoxfQ\"}}");
        ObjectNode notText = door.call(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"prompts/list\",\"params\":{\"cursor\":7}}");

        assertThat(forged.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(forged.at("/error/message").asText()).isEqualTo("invalid params.cursor: it is not a cursor the gateway "
                + "issued; omit the cursor to start from the first page");
        assertThat(notText.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(notText.at("/error/message").asText()).contains("params.cursor must be a string");
    }
}
