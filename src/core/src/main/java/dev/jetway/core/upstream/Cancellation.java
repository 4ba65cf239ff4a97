package dev.jetway.core.upstream;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A client's wish to cancel one request, passed down to the transport that carries the request
 * upstream. The transport registers what cancelling means for it (send
 * {@code notifications/cancelled} under its own request id, stop waiting); the front door fires
 * it when the client's {@code notifications/cancelled} arrives. Firing twice is harmless.
 */
public final class Cancellation {

    private final CompletableFuture<String> reason = new CompletableFuture<>();

    /** A cancellation for a request nobody can cancel; firing it still works, nothing listens. */
    public static Cancellation none() {
        return new Cancellation();
    }

    /** Cancels with the client's reason (may be null). */
    public void cancel(String why) {
        reason.complete(why == null ? "cancelled by the client" : why);
    }

    public boolean isCancelled() {
        return reason.isDone();
    }

    /** Runs {@code action} with the reason once cancelled; at once if it already is. */
    public void onCancel(Consumer<String> action) {
        reason.thenAccept(action);
    }
}
