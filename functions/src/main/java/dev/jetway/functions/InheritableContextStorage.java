package dev.jetway.functions;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;

/**
 * The current trace context in an inheritable thread-local: core runs routed calls, provider
 * starts and background work on virtual threads it creates per task, and those threads start
 * with the context of the request that created them, so their DynamoDB, ECS and provider spans
 * join the request's trace without core knowing about tracing. Core's executors create a thread
 * per task; a pooled thread would keep the context it was created in, which is why this storage
 * is only installed by the functions, whose code has no such pool that makes spans.
 */
final class InheritableContextStorage implements ContextStorage {

    static final InheritableContextStorage INSTANCE = new InheritableContextStorage();

    private static final InheritableThreadLocal<Context> CURRENT = new InheritableThreadLocal<>();

    private InheritableContextStorage() {}

    /** Installs this storage; must run before the first use of any OpenTelemetry context. */
    static boolean install() {
        ContextStorage.addWrapper(ignored -> INSTANCE);
        return ContextStorage.get() == INSTANCE;
    }

    @Override
    public Scope attach(Context toAttach) {
        if (toAttach == null) return Scope.noop();
        Context before = CURRENT.get();
        if (before == toAttach) return Scope.noop();
        CURRENT.set(toAttach);
        return () -> CURRENT.set(before);
    }

    @Override
    public Context current() {
        return CURRENT.get();
    }
}
