package dev.jetway.aws.ecs;

import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.lifecycle.Launched;
import dev.jetway.core.lifecycle.Probe;
import dev.jetway.core.lifecycle.ProviderLauncher;
import dev.jetway.core.outbox.Sleeper;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;

/**
 * {@code mode: container} providers as ECS Fargate tasks. A start runs one task of the provider's
 * task definition (awsvpc, the configured subnets and security groups) with a client token derived
 * from the stream version of the start, so a retried RunTask of the same start never runs a second
 * task; waits with DescribeTasks until the task is RUNNING; then opens an MCP session at the task's
 * private IP over Streamable HTTP, retrying the connection until the server listens. A stop is
 * StopTask; the probe is DescribeTasks.
 */
public final class EcsTaskLauncher implements ProviderLauncher {

    private static final Logger LOG = Logger.getLogger(EcsTaskLauncher.class.getName());
    /** Marks the tasks Jetway runs; the task-state function ignores every other task. */
    public static final String STARTED_BY = "jetway";
    /** A task's {@code group} is this prefix and the provider's name. */
    public static final String GROUP_PREFIX = "jetway:";

    private final EcsClient ecs;
    private final EcsSettings settings;
    private final ProviderConnector http;
    private final EcsTasks tasks;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param http opens Streamable HTTP sessions (the core's {@code StreamableHttpConnector}); it is
     *     given a remote spec with the task's URL
     */
    public EcsTaskLauncher(EcsClient ecs, EcsSettings settings, ProviderConnector http, Clock clock, Sleeper sleeper) {
        this.ecs = ecs;
        this.settings = settings;
        this.http = http;
        this.tasks = new EcsTasks(ecs, settings.cluster());
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A start without a stream version runs its task without a client token (no idempotent retry). */
    @Override
    public Launched start(String provider, ProviderSpec spec, UpstreamListener listener) {
        return launch(provider, spec, null, listener);
    }

    @Override
    public Launched start(String provider, ProviderSpec spec, long startVersion, UpstreamListener listener) {
        return launch(provider, spec, clientToken(provider, startVersion), listener);
    }

    @Override
    public UpstreamSession attach(String provider, ProviderSpec spec, String endpoint, UpstreamListener listener) {
        TaskEndpoint task = TaskEndpoint.parse(endpoint).orElseThrow(() -> new ProviderUnavailableException(provider,
                "its recorded endpoint '" + endpoint + "' is not an ECS task's"));
        return new TaskSession(provider, http.connect(provider, remote(task.url(), spec), listener), task.taskArn(), tasks);
    }

    @Override
    public void stop(String provider, Launched launched) {
        launched.session().close();
        if (!launched.owned()) return;
        TaskEndpoint.parse(launched.endpoint()).ifPresent(t -> tasks.stopQuietly(provider, t.taskArn(),
                "stopped by the Jetway gateway"));
    }

    @Override
    public void stopRecorded(String provider, ProviderSpec spec, String endpoint) {
        TaskEndpoint.parse(endpoint).ifPresent(t -> tasks.stopQuietly(provider, t.taskArn(),
                "stopped by the Jetway gateway (recorded stop)"));
    }

    @Override
    public Probe probe(String provider, Launched launched) {
        if (!launched.session().isOpen()) return Probe.gone("the session with the task closed");
        return TaskEndpoint.parse(launched.endpoint()).map(t -> tasks.probe(t.taskArn()))
                .orElse(Probe.gone("no task recorded at " + launched.endpoint()));
    }

    /**
     * The RunTask client token of one start: a digest of the deployment (token scope, cluster), the
     * task definition, the provider and the start's stream version; 64 hex characters, ECS's maximum.
     */
    public String clientToken(String provider, long startVersion) {
        String identity = String.join("\n", settings.tokenScope(), settings.cluster(),
                settings.taskDefinitionFor(provider), provider, Long.toString(startVersion));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private Launched launch(String provider, ProviderSpec spec, String clientToken, UpstreamListener listener) {
        if (spec.mode() != ProviderMode.CONTAINER) {
            throw new ProviderUnavailableException(provider, "mode " + spec.mode().wireName() + " is not container");
        }
        Instant deadline = clock.instant().plus(settings.startTimeout());
        String taskArn = runTask(provider, spec, clientToken);
        try {
            String ip = tasks.awaitRunning(provider, taskArn, deadline, settings.pollInterval(), clock, sleeper);
            TaskEndpoint endpoint = new TaskEndpoint("http://" + ip + ":" + settings.portFor(provider) + settings.pathFor(provider),
                    taskArn);
            UpstreamSession session = connectUntil(provider, spec, endpoint, listener, deadline);
            return Launched.owned(new TaskSession(provider, session, taskArn, tasks), endpoint.text());
        } catch (RuntimeException e) {
            tasks.stopQuietly(provider, taskArn, "its start failed: " + e.getMessage());
            throw e;
        }
    }

    private String runTask(String provider, ProviderSpec spec, String clientToken) {
        String taskDefinition = settings.taskDefinitionFor(provider);
        RunTaskResponse response;
        try {
            response = ecs.runTask(runTaskRequest(provider, spec, taskDefinition, clientToken));
        } catch (SdkException e) {
            throw new EcsTaskStartException(provider, null, "RunTask of task definition '" + taskDefinition
                    + "' in cluster '" + settings.cluster() + "' failed: " + e.getMessage(), e);
        }
        if (!response.failures().isEmpty() || response.tasks().isEmpty()) {
            Failure f = response.failures().isEmpty() ? null : response.failures().get(0);
            throw new EcsTaskStartException(provider, null, "RunTask of task definition '" + taskDefinition
                    + "' ran no task" + (f == null ? "" : ": " + f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")")
                    + (f.arn() == null ? "" : " for " + f.arn())), null);
        }
        String taskArn = response.tasks().get(0).taskArn();
        LOG.info(() -> "provider '" + provider + "': task " + taskArn + " of " + taskDefinition + " runs");
        return taskArn;
    }

    RunTaskRequest runTaskRequest(String provider, ProviderSpec spec, String taskDefinition, String clientToken) {
        Map<String, String> environment = new TreeMap<>(spec.env());
        environment.putIfAbsent("PORT", Integer.toString(settings.portFor(provider)));
        List<KeyValuePair> pairs = environment.entrySet().stream()
                .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList();
        return RunTaskRequest.builder()
                .cluster(settings.cluster())
                .taskDefinition(taskDefinition)
                .launchType(LaunchType.FARGATE)
                .count(1)
                .clientToken(clientToken)
                .startedBy(STARTED_BY)
                .group(GROUP_PREFIX + provider)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(settings.subnets())
                        .securityGroups(settings.securityGroups())
                        .assignPublicIp(settings.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)))
                .overrides(o -> o.containerOverrides(ContainerOverride.builder().name(settings.containerName())
                        .environment(pairs).build()))
                .build();
    }

    /** RUNNING does not mean listening: the server in the task may need a moment after its container starts. */
    private UpstreamSession connectUntil(String provider, ProviderSpec spec, TaskEndpoint endpoint,
                                         UpstreamListener listener, Instant deadline) {
        ProviderSpec remote = remote(endpoint.url(), spec);
        while (true) {
            try {
                return http.connect(provider, remote, listener);
            } catch (ProviderUnavailableException e) {
                if (!clock.instant().plus(settings.pollInterval()).isBefore(deadline)) {
                    throw new EcsTaskStartException(provider, endpoint.taskArn(), "task " + endpoint.taskArn()
                            + " is RUNNING but did not answer MCP initialize at " + endpoint.url() + " within "
                            + settings.startTimeout().toSeconds() + " s: " + e.getMessage(), e);
                }
                tasks.pause(provider, settings.pollInterval(), sleeper);
            }
        }
    }

    private static ProviderSpec remote(String url, ProviderSpec spec) {
        return new ProviderSpec(ProviderMode.REMOTE, null, url, null, null, spec.headers(), spec.idleTtlSeconds(),
                spec.healthCheckIntervalSeconds(), spec.maxConsecutiveFailures(), null, null);
    }
}
