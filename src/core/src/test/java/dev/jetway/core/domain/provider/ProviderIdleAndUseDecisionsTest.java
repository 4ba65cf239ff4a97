package dev.jetway.core.domain.provider;

import static dev.jetway.core.domain.provider.ProviderDecider.decide;
import static dev.jetway.core.domain.provider.ProviderDeciderTest.SPEC;
import static dev.jetway.core.domain.provider.ProviderDeciderTest.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jetway.core.domain.provider.ProviderCommand.MarkStartFailed;
import dev.jetway.core.domain.provider.ProviderCommand.MarkStarted;
import dev.jetway.core.domain.provider.ProviderCommand.RecordUse;
import dev.jetway.core.domain.provider.ProviderCommand.Register;
import dev.jetway.core.domain.provider.ProviderCommand.RequestStart;
import dev.jetway.core.domain.provider.ProviderCommand.StopIfIdle;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderStopped;
import dev.jetway.core.domain.provider.ProviderEvent.ProviderUsed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Last use, idle stops and start backoff: the conditions the idle collector and lazy start rely on. */
class ProviderIdleAndUseDecisionsTest {

    static final Instant T0 = ProviderDeciderTest.CLOCK.instant();

    static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static Provider readySince(Instant startedAt) {
        Provider p = given(new Register(SPEC), new RequestStart());
        for (ProviderEvent e : decide(p, new MarkStarted("stdio", 1, Duration.ZERO), at(startedAt))) {
            p = ProviderDecider.evolve(p, e);
        }
        return p;
    }

    @Test
    void aStartStartsTheIdleClock() {
        assertThat(readySince(T0).lastUsedAt()).as("started counts as used").isEqualTo(T0);
    }

    @Test
    void aProviderUnusedForItsIdleTtlIsStoppedWithReasonIdle() {
        Provider ready = readySince(T0);
        Instant later = T0.plusSeconds(SPEC.idleTtlSeconds());

        List<ProviderEvent> events = decide(ready, new StopIfIdle(), at(later));

        assertThat(events).singleElement().isInstanceOfSatisfying(ProviderStopped.class, stopped -> {
            assertThat(stopped.reason()).isEqualTo(StopReason.IDLE);
            assertThat(stopped.detail()).contains("idle_ttl_s " + SPEC.idleTtlSeconds());
        });
    }

    @Test
    void aProviderUsedWithinItsIdleTtlIsNotStopped() {
        Provider ready = readySince(T0);
        Instant usedAt = T0.plusSeconds(SPEC.idleTtlSeconds() - 1);
        Provider used = ProviderDecider.evolve(ready, decide(ready, new RecordUse(), at(usedAt)).get(0));

        assertThat(decide(used, new StopIfIdle(), at(T0.plusSeconds(SPEC.idleTtlSeconds()))))
                .as("a use a second ago keeps it running").isEmpty();
        assertThat(used.lastUsedAt()).isEqualTo(usedAt);
    }

    @Test
    void aUseOfAProviderThatDoesNotRunOrNoLaterThanTheRecordedOneDecidesNothing() {
        assertThat(decide(given(new Register(SPEC)), new RecordUse(), at(T0))).as("COLD").isEmpty();
        Provider ready = readySince(T0);
        assertThat(decide(ready, new RecordUse(), at(T0))).as("same instant").isEmpty();
        assertThat(decide(ready, new RecordUse(), at(T0.plusSeconds(5))))
                .containsExactly(new ProviderUsed("math", T0.plusSeconds(5)));
    }

    @Test
    void anIdleStopOfAColdProviderDecidesNothing() {
        assertThat(decide(given(new Register(SPEC)), new StopIfIdle(), at(T0.plusSeconds(10_000)))).isEmpty();
    }

    @Test
    void aFailedStartRecordsWhenTheNextStartMayBeTried() {
        Provider starting = given(new Register(SPEC), new RequestStart());
        List<ProviderEvent> failed = decide(starting, new MarkStartFailed("exit 1", Duration.ofSeconds(4)), at(T0));
        Provider dead = ProviderDecider.evolve(starting, failed.get(0));

        assertThat(dead.state()).isEqualTo(LifecycleState.DEAD);
        assertThat(dead.startRetryAt()).isEqualTo(T0.plusSeconds(4));
        Provider retrying = ProviderDecider.evolve(dead, decide(dead, new RequestStart(), at(T0)).get(0));
        assertThat(retrying.startRetryAt()).as("a new attempt clears it").isNull();
    }
}
