package dev.jetway.aws.ecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.upstream.Cancellation;
import dev.jetway.core.upstream.ForwardingUpstreamSession;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;

/**
 * A session with a provider's task that closes itself when the task is gone: a connection that
 * cannot be made, and a task that DescribeTasks no longer sees RUNNING. The lifecycle then reads
 * the provider's state again (and starts it again) instead of calling a dead address forever. A
 * slow answer or a refused connection to a task that still runs leaves the session open.
 */
final class TaskSession extends ForwardingUpstreamSession {

    private final String provider;
    private final String taskArn;
    private final EcsTasks tasks;
    private volatile boolean gone;

    TaskSession(String provider, UpstreamSession session, String taskArn, EcsTasks tasks) {
        super(session);
        this.provider = provider;
        this.taskArn = taskArn;
        this.tasks = tasks;
    }

    @Override
    public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout,
                              Cancellation cancellation) {
        try {
            return delegate.request(method, params, listener, timeout, cancellation);
        } catch (ProviderUnavailableException e) {
            if (isConnectFailure(e) && !tasks.probe(taskArn).alive()) gone = true;
            throw e;
        }
    }

    @Override
    public boolean isOpen() {
        return !gone && delegate.isOpen();
    }

    private static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) return true;
        }
        return false;
    }
}
