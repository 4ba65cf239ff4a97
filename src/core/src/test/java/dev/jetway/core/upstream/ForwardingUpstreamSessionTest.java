package dev.jetway.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wrapper session must not swallow a client's cancellation (a wrapper once did, through the interface default). */
class ForwardingUpstreamSessionTest {

    /** Records which cancellation each request carried. */
    static final class RecordingSession implements UpstreamSession {
        final List<Cancellation> seen = new ArrayList<>();

        @Override
        public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout) {
            throw new AssertionError("the wrapper must call the form that carries the cancellation");
        }

        @Override
        public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout,
                                  Cancellation cancellation) {
            seen.add(cancellation);
            return Json.object();
        }

        @Override
        public void notify(String method, ObjectNode params) { }

        @Override
        public ObjectNode initializeResult() {
            return Json.object();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() { }
    }

    @Test
    void theClientsCancellationReachesTheWrappedSession() {
        RecordingSession inner = new RecordingSession();
        UpstreamSession wrapper = new ForwardingUpstreamSession(inner) { };
        Cancellation cancellation = Cancellation.none();

        wrapper.request("tools/call", Json.object(), UpstreamListener.NONE, Duration.ofSeconds(1), cancellation);

        assertThat(inner.seen).containsExactly(cancellation);
    }

    @Test
    void aRequestWithoutCancellationStillUsesTheCancellableForm() {
        RecordingSession inner = new RecordingSession();
        UpstreamSession wrapper = new ForwardingUpstreamSession(inner) { };

        wrapper.request("ping", Json.object(), UpstreamListener.NONE, Duration.ofSeconds(1));

        assertThat(inner.seen).hasSize(1);
    }
}
