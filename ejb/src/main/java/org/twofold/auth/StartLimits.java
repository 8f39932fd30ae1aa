package org.twofold.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.twofold.policy.Factor;
import org.twofold.policy.Policy;

/**
 * Whether one more push or call may be started for a user, against push fatigue (a stranger with
 * the password sending push after push until the user approves one to make it stop) and call
 * flooding. Every push and call started counts, whatever became of it — approved, denied,
 * cancelled (on the prompt, "Send me a Push" cancels the pending push before it sends the next),
 * timed out — so no way of ending a request frees the budget again. Rules, in the order checked:
 * <ol>
 * <li>a fraud report ("this was not me") pauses pushes for {@code PushPauseAfterFraudMinutes} and
 * calls for {@code CallPauseAfterFraudMinutes}, counted from the report;</li>
 * <li>pushes: at most {@code PushUnansweredMax} left unanswered (pending, timed out or cancelled) in
 * {@code PushUnansweredWindowMinutes}, and at most {@code PushesPerWindow} started in
 * {@code PushWindowMinutes};</li>
 * <li>calls: at most {@code CallsPerWindow} started in {@code CallWindowMinutes}.</li>
 * </ol>
 * A start counts while it began less than its window ago. The caller reads the user's starts since
 * {@link #horizon} from the database under the user's row lock, so every door and every node
 * counts the same starts and two starts at once cannot both take the last place.
 */
public final class StartLimits {
    private StartLimits() {
    }

    /** One push or call of the user: its factor, its state, when it started and when it last changed. */
    public record Start(Factor factor, TxState state, Instant createdAt, Instant updatedAt) {
    }

    /** Why a start is refused (each boundary words it: SOAP and the prompt say "Too many login requests"). */
    public enum Refusal {
        PAUSED_AFTER_FRAUD_REPORT,
        TOO_MANY_UNANSWERED_PUSHES,
        TOO_MANY_PUSHES,
        TOO_MANY_CALLS;

        /** The audit trail's reason, and {@link TxView#reason()} of the refused start. */
        public String reason() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The earliest start time that can matter at {@code now}: the longest window, or the longest
     * fraud pause plus the push time-out (a push is reported while it is pending, so at most that
     * long after it started).
     */
    public static Instant horizon(Policy policy, Instant now) {
        long minutes = Math.max(Math.max(policy.pushUnansweredWindowMinutes(), policy.pushWindowMinutes()), policy.callWindowMinutes());
        Duration pause = Duration.ofMinutes(Math.max(policy.pushPauseAfterFraudMinutes(), policy.callPauseAfterFraudMinutes()))
                .plusSeconds(policy.pushTimeoutSeconds());
        Duration back = Duration.ofMinutes(minutes);
        return now.minus(back.compareTo(pause) >= 0 ? back : pause);
    }

    /**
     * Why starting {@code factor} now would go over the limits, given the user's {@code starts}
     * (at least those since {@link #horizon}); empty when it may start. Only {@link Factor#PUSH} and
     * {@link Factor#PHONE} are limited here (texts are limited per phone number).
     */
    public static Optional<Refusal> refusal(Factor factor, Policy policy, Collection<Start> starts, Instant now) {
        if (factor != Factor.PUSH && factor != Factor.PHONE) {
            return Optional.empty();
        }
        int pause = factor == Factor.PUSH ? policy.pushPauseAfterFraudMinutes() : policy.callPauseAfterFraudMinutes();
        if (pause > 0 && starts.stream().anyMatch(s -> s.state() == TxState.FRAUD && within(s.updatedAt(), pause, now))) {
            return Optional.of(Refusal.PAUSED_AFTER_FRAUD_REPORT);
        }
        if (factor == Factor.PUSH) {
            long unanswered = starts.stream().filter(s -> s.factor() == Factor.PUSH && unanswered(s.state())
                    && within(s.createdAt(), policy.pushUnansweredWindowMinutes(), now)).count();
            if (unanswered >= policy.pushUnansweredMax()) {
                return Optional.of(Refusal.TOO_MANY_UNANSWERED_PUSHES);
            }
            if (started(starts, Factor.PUSH, policy.pushWindowMinutes(), now) >= policy.pushesPerWindow()) {
                return Optional.of(Refusal.TOO_MANY_PUSHES);
            }
            return Optional.empty();
        }
        if (started(starts, Factor.PHONE, policy.callWindowMinutes(), now) >= policy.callsPerWindow()) {
            return Optional.of(Refusal.TOO_MANY_CALLS);
        }
        return Optional.empty();
    }

    /** Not answered by the user's phone: still waiting, timed out, or cancelled before an answer. */
    private static boolean unanswered(TxState state) {
        return state == TxState.PUSHED || state == TxState.TIMEOUT || state == TxState.CANCELLED;
    }

    private static long started(Collection<Start> starts, Factor factor, int windowMinutes, Instant now) {
        return starts.stream().filter(s -> s.factor() == factor && within(s.createdAt(), windowMinutes, now)).count();
    }

    /** Whether {@code at} lies less than {@code minutes} before {@code now}. */
    private static boolean within(Instant at, int minutes, Instant now) {
        return at.isAfter(now.minus(Duration.ofMinutes(minutes)));
    }
}
