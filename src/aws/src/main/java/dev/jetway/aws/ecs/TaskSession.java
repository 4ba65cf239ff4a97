package dev.jetway.aws.ecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
final class TaskSession implements UpstreamSession {

    private final String provider;
    private final UpstreamSession session;
    private final String taskArn;
    private final EcsTasks tasks;
    private volatile boolean gone;

    TaskSession(String provider, UpstreamSession session, String taskArn, EcsTasks tasks) {
        this.provider = provider;
        this.session = session;
        this.taskArn = taskArn;
        this.tasks = tasks;
    }

    @Override
    public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout) {
        try {
            return session.request(method, params, listener, timeout);
        } catch (ProviderUnavailableException e) {
            if (isConnectFailure(e) && !tasks.probe(taskArn).alive()) gone = true;
            throw e;
        }
    }

    @Override
    public void notify(String method, ObjectNode params) {
        session.notify(method, params);
    }

    @Override
    public ObjectNode initializeResult() {
        return session.initializeResult();
    }

    @Override
    public boolean isOpen() {
        return !gone && session.isOpen();
    }

    @Override
    public void close() {
        session.close();
    }

    private static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) return true;
        }
        return false;
    }
}
