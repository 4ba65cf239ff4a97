package dev.jetway.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.upstream.PeerSession;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.time.Duration;

/** An MCP session over a child process's stdio that also knows the process (for probes and its pid). */
public final class SubprocessSession implements UpstreamSession {

    private final PeerSession session;
    private final Process process;

    SubprocessSession(PeerSession session, Process process) {
        this.session = session;
        this.process = process;
    }

    public long pid() {
        return process.pid();
    }

    /** Whether the child process still runs. */
    public boolean processAlive() {
        return process.isAlive();
    }

    /** How the process ended, e.g. "the process exited with status 137"; only meaningful once it has. */
    public String exitDescription() {
        return SubprocessConnector.exitDescription(process);
    }

    @Override
    public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout) {
        return session.request(method, params, listener, timeout);
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
        return session.isOpen() && process.isAlive();
    }

    @Override
    public void close() {
        session.close();
    }
}
