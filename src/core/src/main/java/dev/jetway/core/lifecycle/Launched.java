package dev.jetway.core.lifecycle;

import dev.jetway.core.upstream.UpstreamSession;
import java.util.Objects;

/**
 * A provider this gateway instance runs or reaches: its session and where it runs.
 *
 * @param endpoint what the {@code ProviderStarted} event records (a URL, a task address, a pid)
 * @param owned whether this instance launched it (and stops it), as opposed to attaching to it
 */
public record Launched(UpstreamSession session, String endpoint, boolean owned) {
    public Launched {
        Objects.requireNonNull(session, "session");
    }

    public static Launched owned(UpstreamSession session, String endpoint) {
        return new Launched(session, endpoint, true);
    }
}
