package dev.jetway.aws.ecs;

import dev.jetway.core.upstream.ProviderUnavailableException;

/** A container provider's task could not be run, did not reach RUNNING, or did not answer MCP in time. */
public final class EcsTaskStartException extends ProviderUnavailableException {

    private final String taskArn;

    public EcsTaskStartException(String provider, String taskArn, String reason, Throwable cause) {
        super(provider, reason, cause);
        this.taskArn = taskArn;
    }

    /** The task that was run, or null when RunTask itself failed. */
    public String taskArn() {
        return taskArn;
    }
}
