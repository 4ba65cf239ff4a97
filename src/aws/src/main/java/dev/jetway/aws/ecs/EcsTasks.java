package dev.jetway.aws.ecs;

import dev.jetway.core.lifecycle.Probe;
import dev.jetway.core.outbox.Sleeper;
import dev.jetway.core.upstream.ProviderUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkInterface;
import software.amazon.awssdk.services.ecs.model.Task;

/** DescribeTasks and StopTask for one cluster, with the readings a launcher needs. */
final class EcsTasks {

    private static final Logger LOG = Logger.getLogger(EcsTasks.class.getName());
    static final String RUNNING = "RUNNING";
    static final String STOPPED = "STOPPED";

    private final EcsClient ecs;
    private final String cluster;

    EcsTasks(EcsClient ecs, String cluster) {
        this.ecs = ecs;
        this.cluster = cluster;
    }

    /** The task as ECS describes it now; empty when ECS no longer knows it. */
    Optional<Task> describe(String taskArn) {
        DescribeTasksResponse response = ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn));
        return response.tasks().stream().findFirst();
    }

    /** Waits until the task is RUNNING and returns its private IPv4 address. */
    String awaitRunning(String provider, String taskArn, Instant deadline, Duration poll, Clock clock, Sleeper sleeper) {
        String lastStatus = "unknown";
        while (true) {
            Optional<Task> task;
            try {
                task = describe(taskArn);
            } catch (SdkException e) {
                // A throttled or failed DescribeTasks is no verdict on the task: ask again until the deadline.
                task = Optional.empty();
                lastStatus = "not described (" + e.getMessage() + ")";
            }
            if (task.isPresent()) {
                Task t = task.get();
                lastStatus = t.lastStatus();
                if (RUNNING.equals(lastStatus)) {
                    return privateIp(t).orElseThrow(() -> new EcsTaskStartException(provider, taskArn, "task " + taskArn
                            + " is RUNNING but has no private IPv4 address (is its network mode awsvpc?)", null));
                }
                if (STOPPED.equals(lastStatus) || "DEPROVISIONING".equals(lastStatus) || "STOPPING".equals(lastStatus)) {
                    throw new EcsTaskStartException(provider, taskArn, "task " + taskArn + " stopped before it ran: "
                            + stopDetail(t), null);
                }
            }
            if (!clock.instant().plus(poll).isBefore(deadline)) {
                throw new EcsTaskStartException(provider, taskArn, "task " + taskArn + " did not reach RUNNING in time"
                        + " (last status " + lastStatus + "); raise " + EcsSettings.START_TIMEOUT
                        + " if its image is large or its subnets slow to pull from", null);
            }
            pause(provider, poll, sleeper);
        }
    }

    Probe probe(String taskArn) {
        try {
            Optional<Task> task = describe(taskArn);
            if (task.isEmpty()) return Probe.gone("ECS no longer knows task " + taskArn);
            if (RUNNING.equals(task.get().lastStatus())) return Probe.running();
            return Probe.gone("task " + taskArn + " is " + task.get().lastStatus() + ": " + stopDetail(task.get()));
        } catch (SdkException e) {
            // No answer from ECS is no evidence that the task died.
            return Probe.running();
        }
    }

    void stopQuietly(String provider, String taskArn, String reason) {
        try {
            ecs.stopTask(r -> r.cluster(cluster).task(taskArn).reason(truncate(reason, 255)));
            LOG.info(() -> "provider '" + provider + "': task " + taskArn + " stopping (" + reason + ")");
        } catch (SdkException e) {
            LOG.warning(() -> "provider '" + provider + "': StopTask of " + taskArn + " failed: " + e.getMessage());
        }
    }

    void pause(String provider, Duration duration, Sleeper sleeper) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException(provider, "interrupted while its task starts", e);
        }
    }

    /** The address of the task's elastic network interface (awsvpc), or of its first container's. */
    static Optional<String> privateIp(Task task) {
        for (Attachment attachment : task.attachments()) {
            if (!"ElasticNetworkInterface".equals(attachment.type())) continue;
            for (KeyValuePair detail : attachment.details()) {
                if ("privateIPv4Address".equals(detail.name()) && detail.value() != null) return Optional.of(detail.value());
            }
        }
        for (Container container : task.containers()) {
            for (NetworkInterface eni : container.networkInterfaces()) {
                if (eni.privateIpv4Address() != null) return Optional.of(eni.privateIpv4Address());
            }
        }
        return Optional.empty();
    }

    /** Why a task stopped, from its stop code, reason and the containers' exit codes. */
    static String stopDetail(Task task) {
        StringBuilder detail = new StringBuilder();
        if (task.stopCode() != null) detail.append(task.stopCodeAsString()).append(": ");
        detail.append(task.stoppedReason() == null ? "no reason given" : task.stoppedReason());
        for (Container c : task.containers()) {
            if (c.exitCode() != null || c.reason() != null) {
                detail.append("; container ").append(c.name());
                if (c.exitCode() != null) detail.append(" exited ").append(c.exitCode());
                if (c.reason() != null) detail.append(" (").append(c.reason()).append(')');
            }
        }
        return detail.toString();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
