package dev.jetway.aws.ecs;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a provider's task runs, as its {@code ProviderStarted} event records it:
 * {@code http://10.0.1.23:8080/mcp#arn:aws:ecs:…:task/…}. The URL is what any gateway instance
 * connects to; the task ARN (the fragment, never sent) is what the idle collector and the task
 * events function stop or match.
 */
public record TaskEndpoint(String url, String taskArn) {

    public TaskEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(taskArn, "taskArn");
        if (url.contains("#")) throw new IllegalArgumentException("url must not contain '#': " + url);
    }

    /** The recorded text; {@link #parse} reads it back. */
    public String text() {
        return url + "#" + taskArn;
    }

    /** Empty when the endpoint was not recorded by an ECS task launcher (a remote URL, a pid). */
    public static Optional<TaskEndpoint> parse(String endpoint) {
        if (endpoint == null) return Optional.empty();
        int hash = endpoint.indexOf('#');
        if (hash < 0 || !endpoint.startsWith("http") || !endpoint.startsWith("arn:", hash + 1)) return Optional.empty();
        return Optional.of(new TaskEndpoint(endpoint.substring(0, hash), endpoint.substring(hash + 1)));
    }
}
