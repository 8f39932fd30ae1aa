package org.twofold.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.auth.Factor;

/**
 * The policy an administrator sets over JMX ({@code org.twofold:type=Administration}, one attribute
 * per component, named as in {@link #changesFrom(Policy)}). A value is always valid: the constructor
 * checks every bound, so a refused change leaves the policy in force untouched, and {@code withX}
 * methods return a new, checked policy. Defaults ({@link #defaults()}) follow the product text: SMS
 * batches of 10 passcodes (at most 10), bypass codes valid 10 minutes, identity proof by PIN (not
 * by the SSN's last 4 digits, which others can know), portal changes within 10 minutes of a factor, remember-me 8 hours, pushes
 * and calls expiring after 60 s. The HOTP window is the look-ahead and resynchronisation window of
 * RFC 4226 §7.4.
 *
 * @param smsBatchSize passcodes per SMS batch, 1–10
 * @param smsCodeLifetimeHours hours an SMS passcode stays valid, 1–720
 * @param smsSendsPerNumber texts one number may be sent per window, 1–100
 * @param smsSendWindowMinutes the window of {@code smsSendsPerNumber}, 1–1440 minutes
 * @param bypassCodeMinutes validity of a self-service bypass code, 1–1440 minutes
 * @param temporaryPasscodeMaxHours longest validity the help desk may give a temporary passcode, 1–720
 * @param temporaryPasscodeMaxUses most uses the help desk may give a temporary passcode, 1–100
 * @param rememberMeHours how long a remembered browser is trusted, 0–720; 0 turns remember-me off
 * @param lockoutThreshold consecutive failures that lock a user out, 1–1000
 * @param pushTimeoutSeconds seconds before an unanswered push expires, 10–600
 * @param callTimeoutSeconds seconds before an unanswered call fails, 10–600
 * @param verifiedPush whether a push shows a number the user must type in the app
 * @param allowedFactors the factors users may use: not empty, never {@link Factor#AUTO}; unmodifiable
 * @param hotpWindow HOTP look-ahead and resynchronisation window (RFC 4226 §7.4), 1–100
 * @param identityProofPin whether self-service bypass accepts date of birth plus PIN
 * @param identityProofSsn whether self-service bypass accepts date of birth plus the SSN's last 4
 *     digits; at least one of the two proofs must be on
 * @param pushUnansweredMax unanswered pushes a user may have within the window before more are
 *     refused (against push fatigue), 1–20
 * @param pushUnansweredWindowMinutes the window of {@code pushUnansweredMax}, 1–1440 minutes
 * @param pushPauseAfterFraudMinutes how long pushes to a user pause after a fraud report, 0–1440
 *     minutes (0: no pause)
 * @param portalStepUpMinutes how recently (1–1440 minutes) a second factor must have been proven in
 *     the session for a change in the self-service portal; a remembered browser proves none
 */
public record Policy(
        int smsBatchSize,
        int smsCodeLifetimeHours,
        int smsSendsPerNumber,
        int smsSendWindowMinutes,
        int bypassCodeMinutes,
        int temporaryPasscodeMaxHours,
        int temporaryPasscodeMaxUses,
        int rememberMeHours,
        int lockoutThreshold,
        int pushTimeoutSeconds,
        int callTimeoutSeconds,
        boolean verifiedPush,
        Set<Factor> allowedFactors,
        int hotpWindow,
        boolean identityProofPin,
        boolean identityProofSsn,
        int pushUnansweredMax,
        int pushUnansweredWindowMinutes,
        int pushPauseAfterFraudMinutes,
        int portalStepUpMinutes) {

    private static final String FACTORS_MESSAGE = "AllowedFactors must name at least one of push, phone, sms, passcode";

    public Policy {
        check("SmsBatchSize", smsBatchSize, 1, 10);
        check("SmsCodeLifetimeHours", smsCodeLifetimeHours, 1, 720);
        check("SmsSendsPerNumber", smsSendsPerNumber, 1, 100);
        check("SmsSendWindowMinutes", smsSendWindowMinutes, 1, 1440);
        check("BypassCodeMinutes", bypassCodeMinutes, 1, 1440);
        check("TemporaryPasscodeMaxHours", temporaryPasscodeMaxHours, 1, 720);
        check("TemporaryPasscodeMaxUses", temporaryPasscodeMaxUses, 1, 100);
        check("RememberMeHours", rememberMeHours, 0, 720);
        check("LockoutThreshold", lockoutThreshold, 1, 1000);
        check("PushTimeoutSeconds", pushTimeoutSeconds, 10, 600);
        check("CallTimeoutSeconds", callTimeoutSeconds, 10, 600);
        allowedFactors = checkedFactors(allowedFactors);
        check("HotpWindow", hotpWindow, 1, 100);
        check("PushUnansweredMax", pushUnansweredMax, 1, 20);
        check("PushUnansweredWindowMinutes", pushUnansweredWindowMinutes, 1, 1440);
        check("PushPauseAfterFraudMinutes", pushPauseAfterFraudMinutes, 0, 1440);
        check("PortalStepUpMinutes", portalStepUpMinutes, 1, 1440);
        if (!identityProofPin && !identityProofSsn) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "IdentityProofPin and IdentityProofSsn cannot both be false");
        }
    }

    /** The documented defaults. */
    public static Policy defaults() {
        return new Policy(10, 24, 5, 10, 10, 72, 10, 8, 10, 60, 60, true,
                EnumSet.of(Factor.PUSH, Factor.PHONE, Factor.SMS, Factor.PASSCODE), 10, true, false, 3, 10, 60, 10);
    }

    private static void check(String attribute, int value, int min, int max) {
        if (value < min || value > max) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, attribute + " must be between " + min + " and " + max);
        }
    }

    private static Set<Factor> checkedFactors(Set<Factor> factors) {
        if (factors == null || factors.isEmpty()) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, FACTORS_MESSAGE);
        }
        // Iterated rather than contains(null): Set.of(...) throws on contains(null).
        for (Factor factor : factors) {
            if (factor == null || factor == Factor.AUTO) {
                throw new TwofoldException(ErrorCode.INVALID_VALUE, FACTORS_MESSAGE);
            }
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(factors));
    }

    /**
     * The factors named in a comma-separated list such as {@code "push, sms"}, each read by {@link
     * Factor#parse(String)}; empty for a null or blank list. Empty items (a trailing comma) are skipped.
     * The result may name {@link Factor#AUTO}; the constructor refuses it.
     */
    public static Set<Factor> parseFactors(String csv) {
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        if (csv == null || csv.isBlank()) {
            return factors;
        }
        for (String item : csv.split(",")) {
            if (!item.isBlank()) {
                factors.add(Factor.parse(item));
            }
        }
        return factors;
    }

    /** The allowed factors' keywords in declaration order, comma-separated: {@code push,phone,sms,passcode}. */
    public String allowedFactorsText() {
        return text(allowedFactors);
    }

    private static String text(Set<Factor> factors) {
        // Re-sorted so the text does not depend on the set's iteration order.
        return EnumSet.copyOf(factors).stream().map(Factor::keyword).collect(Collectors.joining(","));
    }

    /**
     * The attributes that differ from {@code before}, for the audit trail, each as
     * {@code Name old → new} and separated by {@code ", "}, in component order, e.g.
     * {@code SmsBatchSize 10 → 5, VerifiedPush true → false}; {@code ""} when nothing changed.
     */
    public String changesFrom(Policy before) {
        Objects.requireNonNull(before, "before");
        List<String> changes = new ArrayList<>();
        change(changes, "SmsBatchSize", before.smsBatchSize, smsBatchSize);
        change(changes, "SmsCodeLifetimeHours", before.smsCodeLifetimeHours, smsCodeLifetimeHours);
        change(changes, "SmsSendsPerNumber", before.smsSendsPerNumber, smsSendsPerNumber);
        change(changes, "SmsSendWindowMinutes", before.smsSendWindowMinutes, smsSendWindowMinutes);
        change(changes, "BypassCodeMinutes", before.bypassCodeMinutes, bypassCodeMinutes);
        change(changes, "TemporaryPasscodeMaxHours", before.temporaryPasscodeMaxHours, temporaryPasscodeMaxHours);
        change(changes, "TemporaryPasscodeMaxUses", before.temporaryPasscodeMaxUses, temporaryPasscodeMaxUses);
        change(changes, "RememberMeHours", before.rememberMeHours, rememberMeHours);
        change(changes, "LockoutThreshold", before.lockoutThreshold, lockoutThreshold);
        change(changes, "PushTimeoutSeconds", before.pushTimeoutSeconds, pushTimeoutSeconds);
        change(changes, "PushUnansweredMax", before.pushUnansweredMax, pushUnansweredMax);
        change(changes, "PushUnansweredWindowMinutes", before.pushUnansweredWindowMinutes, pushUnansweredWindowMinutes);
        change(changes, "PushPauseAfterFraudMinutes", before.pushPauseAfterFraudMinutes, pushPauseAfterFraudMinutes);
        change(changes, "CallTimeoutSeconds", before.callTimeoutSeconds, callTimeoutSeconds);
        change(changes, "VerifiedPush", before.verifiedPush, verifiedPush);
        change(changes, "AllowedFactors", before.allowedFactorsText(), allowedFactorsText());
        change(changes, "HotpWindow", before.hotpWindow, hotpWindow);
        change(changes, "IdentityProofPin", before.identityProofPin, identityProofPin);
        change(changes, "IdentityProofSsn", before.identityProofSsn, identityProofSsn);
        change(changes, "PortalStepUpMinutes", before.portalStepUpMinutes, portalStepUpMinutes);
        return String.join(", ", changes);
    }

    private static void change(List<String> changes, String attribute, Object before, Object after) {
        if (!before.equals(after)) {
            changes.add(attribute + " " + before + " → " + after);
        }
    }

    public Policy withSmsBatchSize(int value) {
        return new Policy(value, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes, bypassCodeMinutes,
                temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours, lockoutThreshold,
                pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow, identityProofPin,
                identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withSmsCodeLifetimeHours(int value) {
        return new Policy(smsBatchSize, value, smsSendsPerNumber, smsSendWindowMinutes, bypassCodeMinutes,
                temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours, lockoutThreshold,
                pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow, identityProofPin,
                identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withSmsSendsPerNumber(int value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, value, smsSendWindowMinutes, bypassCodeMinutes,
                temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours, lockoutThreshold,
                pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow, identityProofPin,
                identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withSmsSendWindowMinutes(int value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, value, bypassCodeMinutes,
                temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours, lockoutThreshold,
                pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow, identityProofPin,
                identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withBypassCodeMinutes(int value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes, value,
                temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours, lockoutThreshold,
                pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow, identityProofPin,
                identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withTemporaryPasscodeMaxHours(int value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes,
                bypassCodeMinutes, value, temporaryPasscodeMaxUses, rememberMeHours, lockoutThreshold,
                pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow, identityProofPin,
                identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withTemporaryPasscodeMaxUses(int value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes,
                bypassCodeMinutes, temporaryPasscodeMaxHours, value, rememberMeHours, lockoutThreshold,
                pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow, identityProofPin,
                identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    /** A policy trusting remembered browsers for {@code value} hours; 0 turns remember-me off. */
    public Policy withRememberMeHours(int value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes,
                bypassCodeMinutes, temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, value, lockoutThreshold,
                pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow, identityProofPin,
                identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withLockoutThreshold(int value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes,
                bypassCodeMinutes, temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours, value,
                pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow, identityProofPin,
                identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withPushTimeoutSeconds(int value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes,
                bypassCodeMinutes, temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours,
                lockoutThreshold, value, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow,
                identityProofPin, identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withCallTimeoutSeconds(int value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes,
                bypassCodeMinutes, temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours,
                lockoutThreshold, pushTimeoutSeconds, value, verifiedPush, allowedFactors, hotpWindow,
                identityProofPin, identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withVerifiedPush(boolean value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes,
                bypassCodeMinutes, temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours,
                lockoutThreshold, pushTimeoutSeconds, callTimeoutSeconds, value, allowedFactors, hotpWindow,
                identityProofPin, identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withAllowedFactors(Set<Factor> value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes,
                bypassCodeMinutes, temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours,
                lockoutThreshold, pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, value, hotpWindow,
                identityProofPin, identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withHotpWindow(int value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes,
                bypassCodeMinutes, temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours,
                lockoutThreshold, pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, value,
                identityProofPin, identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withIdentityProofPin(boolean value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes,
                bypassCodeMinutes, temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours,
                lockoutThreshold, pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow,
                value, identityProofSsn, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withIdentityProofSsn(boolean value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes,
                bypassCodeMinutes, temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours,
                lockoutThreshold, pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow,
                identityProofPin, value, pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withPushUnansweredMax(int value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes, bypassCodeMinutes, temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours, lockoutThreshold, pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow, identityProofPin, identityProofSsn,
                value, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withPushUnansweredWindowMinutes(int value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes, bypassCodeMinutes, temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours, lockoutThreshold, pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow, identityProofPin, identityProofSsn,
                pushUnansweredMax, value, pushPauseAfterFraudMinutes, portalStepUpMinutes);
    }

    public Policy withPushPauseAfterFraudMinutes(int value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes, bypassCodeMinutes, temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours, lockoutThreshold, pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow, identityProofPin, identityProofSsn,
                pushUnansweredMax, pushUnansweredWindowMinutes, value, portalStepUpMinutes);
    }

    /** A policy asking for a second factor proven within {@code value} minutes before a portal change. */
    public Policy withPortalStepUpMinutes(int value) {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes, bypassCodeMinutes, temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours, lockoutThreshold, pushTimeoutSeconds, callTimeoutSeconds, verifiedPush, allowedFactors, hotpWindow, identityProofPin, identityProofSsn,
                pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes, value);
    }
}
