package dev.jetway.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.aws.ecs.EcsSettings;
import dev.jetway.aws.ecs.EcsTaskEvents;
import dev.jetway.aws.ecs.TaskStateChange;
import dev.jetway.core.json.Json;
import java.time.Instant;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The task-events function, on the EventBridge rule for "ECS Task State Change" events of the
 * cluster: a Jetway task that stops unexpectedly becomes a failure stop of its provider, a task
 * that reaches RUNNING while its provider is INITIALIZING is probed and recorded READY. Returns the
 * outcome's name. Handler string: {@code dev.jetway.functions.EcsTaskStateHandler::handleRequest}.
 */
public final class EcsTaskStateHandler implements RequestHandler<ScheduledEvent, String> {

    private final EcsTaskEvents taskEvents;
    private final HandlerMetrics metrics;
    private final LambdaTracing tracing;

    /** Reads JETWAY_CONFIG, JETWAY_TABLE and JETWAY_ECS_* (container port and path of the tasks). */
    public EcsTaskStateHandler() {
        this(System.getenv());
    }

    private EcsTaskStateHandler(Map<String, String> env) {
        this(new EcsTaskEvents(LambdaLifecycle.fromEnvironment(env).lifecycle(),
                EcsSettings.fromEnvironment(env, LambdaLifecycle.table(env))), HandlerMetrics.stdout("ecs-task-state"),
                LambdaTracing.instance());
    }

    EcsTaskStateHandler(EcsTaskEvents taskEvents, HandlerMetrics metrics) {
        this(taskEvents, metrics, LambdaTracing.OFF);
    }

    EcsTaskStateHandler(EcsTaskEvents taskEvents, HandlerMetrics metrics, LambdaTracing tracing) {
        this.taskEvents = taskEvents;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> tracing.invocation(LambdaTracing.Trigger.PUBSUB, context, () -> {
            EcsTaskEvents.Outcome outcome = taskEvents.apply(change(Json.MAPPER.valueToTree(event.getDetail())));
            metrics.publish(Map.of("TaskEvents", 1, "TaskStopsRecorded", outcome == EcsTaskEvents.Outcome.STOP_RECORDED ? 1 : 0,
                    "TaskStartsConfirmed", outcome == EcsTaskEvents.Outcome.START_CONFIRMED ? 1 : 0));
            return outcome.name();
        }));
    }

    /** The event's detail is the task as DescribeTasks would show it (times as ISO-8601 text). */
    static TaskStateChange change(JsonNode detail) {
        String ip = null;
        for (JsonNode attachment : detail.path("attachments")) {
            for (JsonNode d : attachment.path("details")) {
                if ("privateIPv4Address".equals(d.path("name").asText())) ip = d.path("value").asText();
            }
        }
        return new TaskStateChange(detail.path("taskArn").asText(), detail.path("lastStatus").asText(),
                text(detail, "desiredStatus"), text(detail, "startedBy"), text(detail, "group"), text(detail, "stopCode"),
                text(detail, "stoppedReason"), ip, time(detail, "createdAt"), time(detail, "startedAt"));
    }

    private static String text(JsonNode detail, String field) {
        return detail.path(field).isTextual() ? detail.get(field).asText() : null;
    }

    private static Instant time(JsonNode detail, String field) {
        String value = text(detail, field);
        return value == null ? null : Instant.parse(value);
    }
}
