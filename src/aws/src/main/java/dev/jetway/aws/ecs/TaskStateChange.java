package dev.jetway.aws.ecs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What an EventBridge "ECS Task State Change" event says about one task, as far as Jetway reads it.
 *
 * @param group the task's group; Jetway's tasks have {@code jetway:<provider>}
 * @param privateIp the task's address, when its network interface is attached
 */
public record TaskStateChange(String taskArn, String lastStatus, String desiredStatus, String startedBy, String group,
                              String stopCode, String stoppedReason, String privateIp, Instant createdAt,
                              Instant startedAt) {

    public TaskStateChange {
        Objects.requireNonNull(taskArn, "taskArn");
        Objects.requireNonNull(lastStatus, "lastStatus");
    }

    /** The provider whose task this is; null for tasks Jetway did not run. */
    public String provider() {
        if (!EcsTaskLauncher.STARTED_BY.equals(startedBy) || group == null
                || !group.startsWith(EcsTaskLauncher.GROUP_PREFIX)) {
            return null;
        }
        return group.substring(EcsTaskLauncher.GROUP_PREFIX.length());
    }

    /** From the task's creation to RUNNING, when both are known. */
    public Duration startupDuration() {
        return createdAt == null || startedAt == null ? Duration.ZERO : Duration.between(createdAt, startedAt);
    }

    String stopDetail() {
        String reason = stoppedReason == null ? "no reason given" : stoppedReason;
        return "task " + taskArn + " stopped: " + (stopCode == null ? reason : stopCode + ": " + reason);
    }
}
