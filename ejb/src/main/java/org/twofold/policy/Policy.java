package org.twofold.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

/**
 * The policy an administrator sets over JMX ({@code org.twofold:type=Administration}, one attribute
 * per {@link PolicySetting}). A value is always valid: every setting is checked by its line in the
 * table, and the rules between settings here, so a refused change leaves the policy in force
 * untouched; {@link #with} returns a new, checked policy. Defaults: {@link #defaults()}.
 */
public final class Policy {
    private final Map<PolicySetting, Object> values;

    private Policy(Map<PolicySetting, Object> values) {
        this.values = Collections.unmodifiableMap(values);
        if (!identityProofPin() && !identityProofSsn()) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "IdentityProofPin and IdentityProofSsn cannot both be false");
        }
    }

    /** The documented defaults. */
    public static Policy defaults() {
        Map<PolicySetting, Object> values = new EnumMap<>(PolicySetting.class);
        for (PolicySetting s : PolicySetting.values()) {
            values.put(s, s.defaultValue());
        }
        return new Policy(values);
    }

    /**
     * The policy stored as text by attribute name; a setting not stored (new in this version) has
     * its default, a name this version does not know is ignored.
     *
     * @throws TwofoldException {@code INVALID_VALUE} if a stored value is out of its bounds
     */
    public static Policy stored(Map<String, String> texts) {
        Map<PolicySetting, Object> values = new EnumMap<>(PolicySetting.class);
        for (PolicySetting s : PolicySetting.values()) {
            String text = texts.get(s.attribute());
            values.put(s, text == null ? s.defaultValue() : s.parse(text));
        }
        return new Policy(values);
    }

    /**
     * This policy with {@code setting} set to {@code value} (an {@link Integer}, a {@link Boolean},
     * or factors), checked.
     *
     * @throws TwofoldException {@code INVALID_VALUE}, naming the attribute and its bounds
     */
    public Policy with(PolicySetting setting, Object value) {
        Map<PolicySetting, Object> changed = new EnumMap<>(values);
        changed.put(setting, setting.check(value));
        return new Policy(changed);
    }

    /** The value of {@code setting}: an {@link Integer}, a {@link Boolean} or an unmodifiable {@code Set<Factor>}. */
    public Object value(PolicySetting setting) {
        return values.get(setting);
    }

    /** The value of {@code setting} as it is stored and audited. */
    public String text(PolicySetting setting) {
        return setting.text(values.get(setting));
    }

    private int integer(PolicySetting setting) {
        return (Integer) values.get(setting);
    }

    private boolean bool(PolicySetting setting) {
        return (Boolean) values.get(setting);
    }

    /**
     * The settings that differ from {@code before}, for the audit trail, each as {@code Name old →
     * new} and separated by {@code ", "}, in table order, e.g. {@code SmsBatchSize 10 → 5,
     * VerifiedPush true → false}; {@code ""} when nothing changed.
     */
    public String changesFrom(Policy before) {
        Objects.requireNonNull(before, "before");
        List<String> changes = new ArrayList<>();
        for (PolicySetting s : PolicySetting.values()) {
            if (!before.text(s).equals(text(s))) {
                changes.add(s.attribute() + " " + before.text(s) + " → " + text(s));
            }
        }
        return String.join(", ", changes);
    }

    /**
     * The factors named in a comma-separated list such as {@code "push, sms"}; empty for a null or
     * blank list. The result may name {@link Factor#AUTO}, which a policy refuses.
     */
    public static Set<Factor> parseFactors(String csv) {
        return PolicySetting.parseFactors(csv);
    }

    /** The allowed factors' keywords in declaration order, comma-separated: {@code push,phone,sms,passcode}. */
    public String allowedFactorsText() {
        return text(PolicySetting.ALLOWED_FACTORS);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Policy p && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Policy[");
        for (PolicySetting s : PolicySetting.values()) {
            b.append(s.attribute()).append('=').append(text(s)).append(s.ordinal() < PolicySetting.values().length - 1 ? ", " : "]");
        }
        return b.toString();
    }

    // What the domain's code reads, by name.

    public int smsBatchSize() {
        return integer(PolicySetting.SMS_BATCH_SIZE);
    }

    public int smsCodeLifetimeHours() {
        return integer(PolicySetting.SMS_CODE_LIFETIME_HOURS);
    }

    public int smsSendsPerNumber() {
        return integer(PolicySetting.SMS_SENDS_PER_NUMBER);
    }

    public int smsSendWindowMinutes() {
        return integer(PolicySetting.SMS_SEND_WINDOW_MINUTES);
    }

    public int bypassCodeMinutes() {
        return integer(PolicySetting.BYPASS_CODE_MINUTES);
    }

    public int temporaryPasscodeMaxHours() {
        return integer(PolicySetting.TEMPORARY_PASSCODE_MAX_HOURS);
    }

    public int temporaryPasscodeMaxUses() {
        return integer(PolicySetting.TEMPORARY_PASSCODE_MAX_USES);
    }

    public int rememberMeHours() {
        return integer(PolicySetting.REMEMBER_ME_HOURS);
    }

    public int lockoutThreshold() {
        return integer(PolicySetting.LOCKOUT_THRESHOLD);
    }

    public int pushTimeoutSeconds() {
        return integer(PolicySetting.PUSH_TIMEOUT_SECONDS);
    }

    public int callTimeoutSeconds() {
        return integer(PolicySetting.CALL_TIMEOUT_SECONDS);
    }

    /** How long a RADIUS request waits for a push or call ({@link PolicySetting#RADIUS_WAIT_SECONDS}). */
    public int radiusWaitSeconds() {
        return integer(PolicySetting.RADIUS_WAIT_SECONDS);
    }

    public boolean verifiedPush() {
        return bool(PolicySetting.VERIFIED_PUSH);
    }

    /** Whether integrations may create users with a smartphone to activate ({@link PolicySetting#API_ENROLLMENT}). */
    public boolean apiEnrollment() {
        return bool(PolicySetting.API_ENROLLMENT);
    }

    /** What a user without an active device meets after the password ({@link PolicySetting#NEW_USER_POLICY}). */
    public NewUserPolicy newUserPolicy() {
        return (NewUserPolicy) values.get(PolicySetting.NEW_USER_POLICY);
    }

    /** Whether a passkey logs in without username or password ({@link PolicySetting#PASSWORDLESS}). */
    public boolean passwordless() {
        return bool(PolicySetting.PASSWORDLESS);
    }

    /** The authenticator models (AAGUIDs, lower case) a security key may be of when added; empty: any ({@link PolicySetting#SECURITY_KEY_MODELS}). */
    @SuppressWarnings("unchecked")
    public List<String> securityKeyModels() {
        return (List<String>) values.get(PolicySetting.SECURITY_KEY_MODELS);
    }

    @SuppressWarnings("unchecked")
    public Set<Factor> allowedFactors() {
        return (Set<Factor>) values.get(PolicySetting.ALLOWED_FACTORS);
    }

    public int hotpWindow() {
        return integer(PolicySetting.HOTP_WINDOW);
    }

    public boolean identityProofPin() {
        return bool(PolicySetting.IDENTITY_PROOF_PIN);
    }

    public boolean identityProofSsn() {
        return bool(PolicySetting.IDENTITY_PROOF_SSN);
    }

    public int pushUnansweredMax() {
        return integer(PolicySetting.PUSH_UNANSWERED_MAX);
    }

    public int pushUnansweredWindowMinutes() {
        return integer(PolicySetting.PUSH_UNANSWERED_WINDOW_MINUTES);
    }

    public int pushPauseAfterFraudMinutes() {
        return integer(PolicySetting.PUSH_PAUSE_AFTER_FRAUD_MINUTES);
    }

    public int pushesPerWindow() {
        return integer(PolicySetting.PUSHES_PER_WINDOW);
    }

    public int pushWindowMinutes() {
        return integer(PolicySetting.PUSH_WINDOW_MINUTES);
    }

    public int callsPerWindow() {
        return integer(PolicySetting.CALLS_PER_WINDOW);
    }

    public int callWindowMinutes() {
        return integer(PolicySetting.CALL_WINDOW_MINUTES);
    }

    public int callPauseAfterFraudMinutes() {
        return integer(PolicySetting.CALL_PAUSE_AFTER_FRAUD_MINUTES);
    }

    public int portalStepUpMinutes() {
        return integer(PolicySetting.PORTAL_STEP_UP_MINUTES);
    }
}
