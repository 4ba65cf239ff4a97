package dev.jetway.functions;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Trace ids X-Ray accepts: the first 32 bits are the epoch second, the other 96 random. Span ids
 * are 64 random bits, from a SecureRandom made on the first id and dropped after a SnapStart
 * restore (CRaC {@code afterRestore}), so that restored instances never continue one cloned state.
 */
final class XrayIdGenerator implements IdGenerator, Resource {

    private final Clock clock;
    private volatile SecureRandom random;

    XrayIdGenerator(Clock clock) {
        this.clock = clock;
    }

    /** A generator registered with the JVM's CRaC context; the tracer provider keeps it referenced. */
    static XrayIdGenerator registered(Clock clock) {
        XrayIdGenerator generator = new XrayIdGenerator(clock);
        Core.getGlobalContext().register(generator);
        return generator;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        random = null;
    }

    @Override
    public String generateTraceId() {
        SecureRandom r = random();
        long high = (clock.instant().getEpochSecond() << 32) | (r.nextInt() & 0xFFFFFFFFL);
        long low;
        do {
            low = r.nextLong();
        } while (low == 0);
        return TraceId.fromLongs(high, low);
    }

    @Override
    public String generateSpanId() {
        SecureRandom r = random();
        long id;
        do {
            id = r.nextLong();
        } while (id == 0);
        return SpanId.fromLong(id);
    }

    @Override
    public boolean generatesRandomTraceIds() {
        return false;
    }

    private SecureRandom random() {
        SecureRandom r = random;
        if (r == null) {
            synchronized (this) {
                if (random == null) random = new SecureRandom();
                r = random;
            }
        }
        return r;
    }
}
