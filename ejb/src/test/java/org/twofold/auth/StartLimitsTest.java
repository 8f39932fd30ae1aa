package org.twofold.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.twofold.auth.StartLimits.Refusal;
import org.twofold.auth.StartLimits.Start;
import org.twofold.policy.Factor;
import org.twofold.policy.Policy;
import org.twofold.policy.PolicySetting;

class StartLimitsTest {
    private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");
    private static final Policy DEFAULTS = Policy.defaults();

    /** The time {@code offset} after T0, as an injected clock would tell it. */
    private static Instant at(Duration offset) {
        return Clock.offset(Clock.fixed(T0, ZoneOffset.UTC), offset).instant();
    }

    private static Start push(TxState state, Instant started) {
        return new Start(Factor.PUSH, state, started, started.plusSeconds(5));
    }

    private static Start call(TxState state, Instant started) {
        return new Start(Factor.PHONE, state, started, started.plusSeconds(5));
    }

    private static Optional<Refusal> refusal(Factor factor, Policy policy, List<Start> starts, Instant now) {
        return StartLimits.refusal(factor, policy, starts, now);
    }

    @Test
    void cancelledPushesCountAsUnansweredSoPushCancelPushIsBounded() {
        List<Start> starts = new ArrayList<>();
        for (int i = 0; i < DEFAULTS.pushUnansweredMax(); i++) {
            assertEquals(Optional.empty(), refusal(Factor.PUSH, DEFAULTS, starts, at(Duration.ofSeconds(i))), "push " + (i + 1));
            starts.add(push(TxState.CANCELLED, at(Duration.ofSeconds(i))));
        }
        assertEquals(Optional.of(Refusal.TOO_MANY_UNANSWERED_PUSHES), refusal(Factor.PUSH, DEFAULTS, starts, at(Duration.ofSeconds(10))));
    }

    @ParameterizedTest
    @EnumSource(value = TxState.class, names = {"PUSHED", "TIMEOUT", "CANCELLED"})
    void pushesNotAnsweredByThePhoneCountAsUnanswered(TxState state) {
        Policy oneUnanswered = DEFAULTS.with(PolicySetting.PUSH_UNANSWERED_MAX, 1);
        assertEquals(Optional.of(Refusal.TOO_MANY_UNANSWERED_PUSHES),
                refusal(Factor.PUSH, oneUnanswered, List.of(push(state, T0)), at(Duration.ofMinutes(1))));
    }

    @ParameterizedTest
    @EnumSource(value = TxState.class, names = {"ALLOW", "DENY", "FRAUD"})
    void answeredPushesAreNotUnansweredButStillCount(TxState state) {
        Policy p = DEFAULTS.with(PolicySetting.PUSH_UNANSWERED_MAX, 1).with(PolicySetting.PUSH_PAUSE_AFTER_FRAUD_MINUTES, 0).with(PolicySetting.PUSHES_PER_WINDOW, 2);
        List<Start> one = List.of(push(state, T0));
        assertEquals(Optional.empty(), refusal(Factor.PUSH, p, one, at(Duration.ofMinutes(1))));
        List<Start> two = List.of(push(state, T0), push(state, T0.plusSeconds(30)));
        assertEquals(Optional.of(Refusal.TOO_MANY_PUSHES), refusal(Factor.PUSH, p, two, at(Duration.ofMinutes(1))));
    }

    @Test
    void everyPushStartedCountsWhateverBecameOfIt() {
        Policy p = DEFAULTS.with(PolicySetting.PUSH_UNANSWERED_MAX, 20).with(PolicySetting.PUSHES_PER_WINDOW, 4);
        List<Start> starts = List.of(push(TxState.ALLOW, T0), push(TxState.DENY, at(Duration.ofMinutes(1))),
                push(TxState.CANCELLED, at(Duration.ofMinutes(2))), push(TxState.TIMEOUT, at(Duration.ofMinutes(3))));
        assertEquals(Optional.empty(), refusal(Factor.PUSH, p, starts.subList(0, 3), at(Duration.ofMinutes(4))));
        assertEquals(Optional.of(Refusal.TOO_MANY_PUSHES), refusal(Factor.PUSH, p, starts, at(Duration.ofMinutes(4))));
    }

    @Test
    void aStartLeavesItsWindowExactlyWhenTheWindowHasPassed() {
        Policy p = DEFAULTS.with(PolicySetting.PUSHES_PER_WINDOW, 1).with(PolicySetting.PUSH_WINDOW_MINUTES, 60);
        List<Start> starts = List.of(push(TxState.ALLOW, T0));
        assertEquals(Optional.of(Refusal.TOO_MANY_PUSHES), refusal(Factor.PUSH, p, starts, at(Duration.ofMinutes(60).minusMillis(1))));
        assertEquals(Optional.empty(), refusal(Factor.PUSH, p, starts, at(Duration.ofMinutes(60))));

        Policy calls = DEFAULTS.with(PolicySetting.CALLS_PER_WINDOW, 1).with(PolicySetting.CALL_WINDOW_MINUTES, 15);
        List<Start> called = List.of(call(TxState.DENY, T0));
        assertEquals(Optional.of(Refusal.TOO_MANY_CALLS), refusal(Factor.PHONE, calls, called, at(Duration.ofMinutes(15).minusMillis(1))));
        assertEquals(Optional.empty(), refusal(Factor.PHONE, calls, called, at(Duration.ofMinutes(15))));
    }

    @Test
    void theUnansweredWindowIsItsOwn() {
        List<Start> starts = List.of(push(TxState.TIMEOUT, T0), push(TxState.TIMEOUT, T0), push(TxState.TIMEOUT, T0));
        assertEquals(Optional.of(Refusal.TOO_MANY_UNANSWERED_PUSHES), refusal(Factor.PUSH, DEFAULTS, starts, at(Duration.ofMinutes(9))));
        assertEquals(Optional.empty(), refusal(Factor.PUSH, DEFAULTS, starts, at(Duration.ofMinutes(10))),
                "after PushUnansweredWindowMinutes (10) the three still count toward PushesPerWindow (10), not more");
    }

    @Test
    void callsAreCountedApartFromPushes() {
        List<Start> starts = new ArrayList<>();
        for (int i = 0; i < DEFAULTS.callsPerWindow(); i++) {
            assertEquals(Optional.empty(), refusal(Factor.PHONE, DEFAULTS, starts, at(Duration.ofMinutes(i))), "call " + (i + 1));
            starts.add(call(i % 2 == 0 ? TxState.CANCELLED : TxState.ALLOW, at(Duration.ofMinutes(i))));
        }
        Instant now = at(Duration.ofMinutes(10));
        assertEquals(Optional.of(Refusal.TOO_MANY_CALLS), refusal(Factor.PHONE, DEFAULTS, starts, now));
        assertEquals(Optional.empty(), refusal(Factor.PUSH, DEFAULTS, starts, now), "calls do not use up pushes");
        List<Start> pushes = List.of(push(TxState.PUSHED, T0), push(TxState.PUSHED, T0), push(TxState.PUSHED, T0));
        assertEquals(Optional.empty(), refusal(Factor.PHONE, DEFAULTS, pushes, now), "nor pushes calls");
    }

    @Test
    void aFraudReportPausesPushesAndCallsCountedFromTheReport() {
        Start reported = new Start(Factor.PUSH, TxState.FRAUD, T0, at(Duration.ofSeconds(50)));
        List<Start> starts = List.of(reported);
        Instant lastPausedMoment = at(Duration.ofSeconds(50).plusMinutes(60).minusMillis(1));
        assertEquals(Optional.of(Refusal.PAUSED_AFTER_FRAUD_REPORT), refusal(Factor.PUSH, DEFAULTS, starts, lastPausedMoment));
        assertEquals(Optional.of(Refusal.PAUSED_AFTER_FRAUD_REPORT), refusal(Factor.PHONE, DEFAULTS, starts, lastPausedMoment));
        Instant resumed = at(Duration.ofSeconds(50).plusMinutes(60));
        assertEquals(Optional.empty(), refusal(Factor.PUSH, DEFAULTS, starts, resumed));
        assertEquals(Optional.empty(), refusal(Factor.PHONE, DEFAULTS, starts, resumed));
    }

    @Test
    void eachFactorHasItsOwnPauseAndZeroMeansNone() {
        List<Start> starts = List.of(new Start(Factor.PUSH, TxState.FRAUD, T0, T0));
        Instant now = at(Duration.ofMinutes(1));
        Policy callsOnly = DEFAULTS.with(PolicySetting.PUSH_PAUSE_AFTER_FRAUD_MINUTES, 0);
        assertEquals(Optional.empty(), refusal(Factor.PUSH, callsOnly, starts, now));
        assertEquals(Optional.of(Refusal.PAUSED_AFTER_FRAUD_REPORT), refusal(Factor.PHONE, callsOnly, starts, now));
        Policy pushesOnly = DEFAULTS.with(PolicySetting.CALL_PAUSE_AFTER_FRAUD_MINUTES, 0);
        assertEquals(Optional.of(Refusal.PAUSED_AFTER_FRAUD_REPORT), refusal(Factor.PUSH, pushesOnly, starts, now));
        assertEquals(Optional.empty(), refusal(Factor.PHONE, pushesOnly, starts, now));
    }

    @Test
    void textsAreNotLimitedHere() {
        List<Start> starts = List.of(new Start(Factor.PUSH, TxState.FRAUD, T0, T0));
        assertEquals(Optional.empty(), refusal(Factor.SMS, DEFAULTS, starts, at(Duration.ofMinutes(1))), "texts are limited per phone number");
    }

    @Test
    void refusalsAreNamedInTheAuditAsTheirReasons() {
        assertEquals("too_many_calls", Refusal.TOO_MANY_CALLS.reason());
        assertEquals("paused_after_fraud_report", Refusal.PAUSED_AFTER_FRAUD_REPORT.reason());
    }

    @Test
    void theHorizonCoversTheLongestWindowAndTheLongestPausePlusThePushTimeout() {
        assertEquals(at(Duration.ofMinutes(-60).minusSeconds(60)), StartLimits.horizon(DEFAULTS, T0), "pause 60 min + push time-out 60 s");
        Policy longCallWindow = DEFAULTS.with(PolicySetting.CALL_WINDOW_MINUTES, 1440);
        assertEquals(at(Duration.ofMinutes(-1440)), StartLimits.horizon(longCallWindow, T0));
        Policy longPause = DEFAULTS.with(PolicySetting.CALL_PAUSE_AFTER_FRAUD_MINUTES, 600).with(PolicySetting.PUSH_TIMEOUT_SECONDS, 600);
        assertEquals(at(Duration.ofMinutes(-610)), StartLimits.horizon(longPause, T0));
    }

    /** Reading only the starts after the horizon (as the database query does) never changes a decision. */
    @Test
    void startsBeforeTheHorizonNeverChangeADecision() {
        Random random = new Random(42);
        TxState[] states = {TxState.PUSHED, TxState.ALLOW, TxState.DENY, TxState.TIMEOUT, TxState.FRAUD, TxState.CANCELLED};
        Policy[] policies = {DEFAULTS, DEFAULTS.with(PolicySetting.PUSHES_PER_WINDOW, 3).with(PolicySetting.PUSH_WINDOW_MINUTES, 5).with(PolicySetting.CALLS_PER_WINDOW, 2).with(PolicySetting.CALL_WINDOW_MINUTES, 7),
                DEFAULTS.with(PolicySetting.PUSH_PAUSE_AFTER_FRAUD_MINUTES, 5).with(PolicySetting.CALL_PAUSE_AFTER_FRAUD_MINUTES, 90).with(PolicySetting.PUSH_UNANSWERED_WINDOW_MINUTES, 120)};
        for (int round = 0; round < 2000; round++) {
            Policy p = policies[round % policies.length];
            Instant now = at(Duration.ofMinutes(300));
            List<Start> all = new ArrayList<>();
            for (int i = random.nextInt(12); i > 0; i--) {
                Instant started = now.minusSeconds(random.nextInt(300 * 60));
                TxState state = states[random.nextInt(states.length)];
                Factor factor = state == TxState.FRAUD || random.nextBoolean() ? Factor.PUSH : Factor.PHONE;
                Instant changed = started.plusSeconds(random.nextInt(p.pushTimeoutSeconds() + 1));
                all.add(new Start(factor, state, started, changed.isAfter(now) ? now : changed));
            }
            Instant horizon = StartLimits.horizon(p, now);
            List<Start> read = all.stream().filter(s -> s.createdAt().isAfter(horizon)).toList();
            for (Factor f : new Factor[] {Factor.PUSH, Factor.PHONE}) {
                assertEquals(refusal(f, p, all, now), refusal(f, p, read, now), "round " + round + " " + f + " " + all);
            }
        }
        assertFalse(StartLimits.horizon(DEFAULTS, T0).isAfter(T0));
    }
}
