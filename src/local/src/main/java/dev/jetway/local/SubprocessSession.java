package dev.jetway.local;

import dev.jetway.core.upstream.ForwardingUpstreamSession;
import dev.jetway.core.upstream.PeerSession;

/** An MCP session over a child process's stdio that also knows the process (for probes and its pid). */
public final class SubprocessSession extends ForwardingUpstreamSession {

    private final Process process;

    SubprocessSession(PeerSession session, Process process) {
        super(session);
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
    public boolean isOpen() {
        return delegate.isOpen() && process.isAlive();
    }
}
