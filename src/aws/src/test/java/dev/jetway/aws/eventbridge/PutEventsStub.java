package dev.jetway.aws.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.jetway.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A WireMock answer to {@code AWSEvents.PutEvents} that fails chosen entries (by a rule over the
 * entry and how often its event was offered before) and chosen calls as a whole, and keeps every
 * entry it accepted, as EventBridge would have received it.
 */
final class PutEventsStub implements ResponseDefinitionTransformerV2 {

    static final String NAME = "put-events";

    /** Decides one entry: null accepts it, anything else is the error code it is rejected with. */
    interface EntryRule {
        String errorCodeFor(JsonNode entry, int previousOffers);
    }

    final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger rejectedEntries = new AtomicInteger();
    final AtomicInteger failedCalls = new AtomicInteger();
    private final Map<String, AtomicInteger> offers = new ConcurrentHashMap<>();
    private volatile EntryRule rule = (entry, previous) -> null;
    private volatile IntPredicate failCall = call -> false;

    void failEntries(EntryRule newRule) { this.rule = newRule; }

    void failCalls(IntPredicate callNumbers) { this.failCall = callNumbers; }

    @Override
    public String getName() { return NAME; }

    @Override
    public boolean applyGlobally() { return false; }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        int call = calls.incrementAndGet();
        if (failCall.test(call)) {
            failedCalls.incrementAndGet();
            return json(500, Json.object().put("__type", "InternalException").put("message", "injected call failure"));
        }
        JsonNode request = Json.parse(serveEvent.getRequest().getBodyAsString());
        ObjectNode response = Json.object();
        ArrayNode results = response.putArray("Entries");
        int failed = 0;
        for (JsonNode entry : request.get("Entries")) {
            String eventId = Json.parse(entry.get("Detail").asText()).path("event_id").asText();
            int previous = offers.computeIfAbsent(eventId, k -> new AtomicInteger()).getAndIncrement();
            String errorCode = rule.errorCodeFor(entry, previous);
            if (errorCode == null) {
                accepted.add(entry);
                results.addObject().put("EventId", UUID.randomUUID().toString());
            } else {
                failed++;
                rejectedEntries.incrementAndGet();
                results.addObject().put("ErrorCode", errorCode).put("ErrorMessage", "injected: " + errorCode);
            }
        }
        response.put("FailedEntryCount", failed);
        return json(200, response);
    }

    private static ResponseDefinition json(int status, ObjectNode body) {
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
                .withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(Json.write(body))
                .build();
    }
}
