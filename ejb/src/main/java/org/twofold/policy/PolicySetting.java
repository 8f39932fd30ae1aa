package org.twofold.policy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

/**
 * Every policy setting, described once: its JMX attribute name, type, bounds, default and
 * description. Validation ({@link #check}), the {@code Administration} MBean's attributes and their
 * descriptions, the stored form, the audit of changes ({@link Policy#changesFrom}) and the README's
 * table (checked by a test) all follow from this table: a new setting is one line here (and a
 * method where code reads it). Defaults follow the product text: SMS batches of 10 passcodes (at
 * most 10), bypass codes valid 10 minutes, remember-me 8 hours, pushes and calls expiring after
 * 60 s. The HOTP window is the look-ahead and resynchronisation window of RFC 4226 §7.4.
 */
public enum PolicySetting {
    SMS_BATCH_SIZE("SmsBatchSize", 1, 10, 10, "Passcodes in each SMS batch; a new batch revokes the older ones."),
    SMS_CODE_LIFETIME_HOURS("SmsCodeLifetimeHours", 1, 720, 24, "Hours an SMS passcode stays valid."),
    SMS_SENDS_PER_NUMBER("SmsSendsPerNumber", 1, 100, 5, "Texts one number may be sent within SmsSendWindowMinutes."),
    SMS_SEND_WINDOW_MINUTES("SmsSendWindowMinutes", 1, 1440, 10, "The window, in minutes, of SmsSendsPerNumber."),
    BYPASS_CODE_MINUTES("BypassCodeMinutes", 1, 1440, 10, "Minutes a self-service bypass code stays valid."),
    TEMPORARY_PASSCODE_MAX_HOURS("TemporaryPasscodeMaxHours", 1, 720, 72, "The longest validity, in hours, the help desk may give a temporary passcode."),
    TEMPORARY_PASSCODE_MAX_USES("TemporaryPasscodeMaxUses", 1, 100, 10, "The most uses the help desk may give a temporary passcode."),
    REMEMBER_ME_HOURS("RememberMeHours", 0, 720, 8, "Hours a browser is remembered after 'Remember me'; 0 turns it off."),
    LOCKOUT_THRESHOLD("LockoutThreshold", 1, 1000, 10, "Consecutive failures that lock a user out (the help desk unlocks)."),
    PUSH_TIMEOUT_SECONDS("PushTimeoutSeconds", 10, 600, 60, "Seconds before an unanswered push expires."),
    CALL_TIMEOUT_SECONDS("CallTimeoutSeconds", 10, 600, 60, "Seconds before an unanswered call fails."),
    VERIFIED_PUSH("VerifiedPush", true, "Whether a push shows a number that the user must type in the app."),
    ALLOWED_FACTORS("AllowedFactors", "push,phone,sms,passcode", "The factors users may use, comma-separated, of push, phone, sms, passcode."),
    HOTP_WINDOW("HotpWindow", 1, 100, 10, "How many codes ahead a hardware token's code is looked for (RFC 4226 look-ahead window)."),
    IDENTITY_PROOF_PIN("IdentityProofPin", true, "Whether the self-service bypass (/bypass) accepts date of birth plus PIN."),
    IDENTITY_PROOF_SSN("IdentityProofSsn", false, "Whether the self-service bypass (/bypass) accepts date of birth plus the SSN's last 4 digits."),
    PUSH_UNANSWERED_MAX("PushUnansweredMax", 1, 20, 3, "Pushes a user may leave unanswered (pending, timed out or cancelled) within PushUnansweredWindowMinutes before more are refused."),
    PUSH_UNANSWERED_WINDOW_MINUTES("PushUnansweredWindowMinutes", 1, 1440, 10, "The window, in minutes, of PushUnansweredMax."),
    PUSH_PAUSE_AFTER_FRAUD_MINUTES("PushPauseAfterFraudMinutes", 0, 1440, 60, "Minutes pushes to a user pause after a fraud report; 0: no pause."),
    PUSHES_PER_WINDOW("PushesPerWindow", 1, 1000, 10, "Pushes a user may be sent within PushWindowMinutes, whatever became of them."),
    PUSH_WINDOW_MINUTES("PushWindowMinutes", 1, 1440, 60, "The window, in minutes, of PushesPerWindow."),
    CALLS_PER_WINDOW("CallsPerWindow", 1, 1000, 5, "Calls a user may be sent within CallWindowMinutes, whatever became of them."),
    CALL_WINDOW_MINUTES("CallWindowMinutes", 1, 1440, 60, "The window, in minutes, of CallsPerWindow."),
    CALL_PAUSE_AFTER_FRAUD_MINUTES("CallPauseAfterFraudMinutes", 0, 1440, 60, "Minutes calls to a user pause after a fraud report; 0: no pause."),
    PORTAL_STEP_UP_MINUTES("PortalStepUpMinutes", 1, 1440, 10, "How recently, in minutes, a second factor must have been proven in a session for it to change settings in the portal (a remembered browser proves none)."),
    API_ENROLLMENT("ApiEnrollment", false, "Whether integrations may create users, each with a smartphone its owner activates by link, through the Duo-compatible API (/auth/v2/enroll)."),
    NEW_USER_POLICY("NewUserPolicy", NewUserPolicy.class, NewUserPolicy.ENROLL, "What a user with no active device meets after the password: enroll (add a first device on the prompt, verified, then log in), deny (refused), allow (let in without a second factor, audited)."),
    PASSWORDLESS("Passwordless", false, "Whether the login page offers 'Log in with a passkey': a passkey (a discoverable credential, with user verification) logs in without username or password."),
    SECURITY_KEY_MODELS("SecurityKeyModels", Type.AAGUIDS, 0, 0, "", "The authenticator models (AAGUIDs, comma-separated) a security key or passkey may be of when added; empty: any. Attestation is not verified: a filter, not a proof."),
    RADIUS_WAIT_SECONDS("RadiusWaitSeconds", 5, 600, 55, "Seconds a RADIUS Access-Request waits for a push or call to be answered before Twofold cancels it and rejects the login ('Login request timed out.'); set it a few seconds below the NAS's timeout.");

    /** What kind of value a setting holds. */
    public enum Type {
        /** A whole number within bounds. */
        INTEGER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A non-empty set of factors (never {@code auto}), written {@code push,phone,sms,passcode}. */
        FACTORS,
        /** One of an enum's keywords (its constants in lower case), e.g. {@code enroll}. */
        CHOICE,
        /** Authenticator models by AAGUID (RFC 4122 UUIDs, lower case), comma-separated; empty for none. */
        AAGUIDS
    }

    private static final String FACTORS_MESSAGE = "AllowedFactors must name at least one of push, phone, sms, passcode";

    private final String attribute;
    private final Type type;
    private final int min;
    private final int max;
    private final Object defaultValue;
    private final String description;
    /** The constants of a {@link Type#CHOICE}; null for other types. */
    private final Class<? extends Enum<?>> choices;

    PolicySetting(String attribute, int min, int max, int defaultValue, String description) {
        this(attribute, Type.INTEGER, min, max, defaultValue, description);
    }

    PolicySetting(String attribute, boolean defaultValue, String description) {
        this(attribute, Type.BOOLEAN, 0, 0, defaultValue, description);
    }

    PolicySetting(String attribute, String defaultFactors, String description) {
        this(attribute, Type.FACTORS, 0, 0, defaultFactors, description);
    }

    <E extends Enum<E>> PolicySetting(String attribute, Class<E> choices, E defaultValue, String description) {
        this(attribute, Type.CHOICE, 0, 0, defaultValue, description, choices);
    }

    PolicySetting(String attribute, Type type, int min, int max, Object defaultValue, String description) {
        this(attribute, type, min, max, defaultValue, description, null);
    }

    PolicySetting(String attribute, Type type, int min, int max, Object defaultValue, String description, Class<? extends Enum<?>> choices) {
        this.choices = choices;
        this.attribute = attribute;
        this.type = type;
        this.min = min;
        this.max = max;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The JMX attribute's name, and the name in audit rows and in the stored policy. */
    public String attribute() {
        return attribute;
    }

    public Type type() {
        return type;
    }

    /** The smallest value allowed ({@link Type#INTEGER} only). */
    public int min() {
        return min;
    }

    /** The largest value allowed ({@link Type#INTEGER} only). */
    public int max() {
        return max;
    }

    public String description() {
        return description;
    }

    /** The documented default, checked. */
    public Object defaultValue() {
        return check(defaultValue);
    }

    /** The JMX type of the attribute: {@code int}, {@code boolean}, or {@code java.lang.String} for factors. */
    public String jmxType() {
        return switch (type) {
            case INTEGER -> "int";
            case BOOLEAN -> "boolean";
            case FACTORS, CHOICE, AAGUIDS -> String.class.getName();
        };
    }

    /** The bounds as the README and the console write them: {@code 1–10}, {@code true/false}. */
    public String bounds() {
        return switch (type) {
            case INTEGER -> min + "–" + max;
            case BOOLEAN -> "true/false";
            case FACTORS -> "push, phone, sms, passcode (at least one)";
            case CHOICE -> String.join(", ", keywords());
            case AAGUIDS -> "AAGUIDs, comma-separated (empty: any)";
        };
    }

    /**
     * A value of this setting, checked: an {@link Integer} within bounds, a {@link Boolean}, or
     * factors (a {@code Set<Factor>} or their comma-separated text). Returns the value as {@link
     * Policy} keeps it (factors as an unmodifiable set).
     *
     * @throws TwofoldException {@code INVALID_VALUE}, naming the attribute and its bounds
     */
    public Object check(Object value) {
        switch (type) {
            case INTEGER:
                if (!(value instanceof Integer i) || i < min || i > max) {
                    throw new TwofoldException(ErrorCode.INVALID_VALUE, attribute + " must be between " + min + " and " + max);
                }
                return i;
            case BOOLEAN:
                if (!(value instanceof Boolean b)) {
                    throw new TwofoldException(ErrorCode.INVALID_VALUE, attribute + " must be true or false");
                }
                return b;
            case CHOICE:
                return checkedChoice(value);
            case AAGUIDS:
                return checkedAaguids(value);
            default:
                return checkedFactors(value instanceof String text ? parseFactors(text) : value);
        }
    }

    /** The value written as it is stored and audited ({@code 10}, {@code true}, {@code push,phone,sms,passcode}). */
    public String text(Object value) {
        if (type == Type.FACTORS) {
            @SuppressWarnings("unchecked")
            Set<Factor> factors = (Set<Factor>) value;
            // Re-sorted so the text does not depend on the set's iteration order.
            return EnumSet.copyOf(factors).stream().map(Factor::keyword).collect(Collectors.joining(","));
        }
        if (type == Type.CHOICE) {
            return keyword((Enum<?>) value);
        }
        if (type == Type.AAGUIDS) {
            @SuppressWarnings("unchecked")
            java.util.List<String> aaguids = (java.util.List<String>) value;
            return String.join(",", aaguids);
        }
        return String.valueOf(value);
    }

    /**
     * A stored value read back, checked.
     *
     * @throws TwofoldException {@code INVALID_VALUE} if it is not a value of this setting
     */
    public Object parse(String text) {
        String t = text == null ? "" : text.trim();
        return switch (type) {
            case INTEGER -> {
                try {
                    yield check(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new TwofoldException(ErrorCode.INVALID_VALUE, attribute + " must be between " + min + " and " + max);
                }
            }
            case BOOLEAN -> {
                if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
                    throw new TwofoldException(ErrorCode.INVALID_VALUE, attribute + " must be true or false");
                }
                yield Boolean.parseBoolean(t.toLowerCase(Locale.ROOT));
            }
            case FACTORS, CHOICE, AAGUIDS -> check(t);
        };
    }

    /** The setting whose JMX attribute is {@code attribute}, if any. */
    public static java.util.Optional<PolicySetting> byAttribute(String attribute) {
        for (PolicySetting s : values()) {
            if (s.attribute.equals(attribute)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The factors named in a comma-separated list such as {@code "push, sms"}, each read by {@link
     * Factor#parse(String)}; empty for a null or blank list. Empty items (a trailing comma) are skipped.
     * The result may name {@link Factor#AUTO}; {@link #check} refuses it.
     */
    static Set<Factor> parseFactors(String csv) {
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

    private static String keyword(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private java.util.List<String> keywords() {
        return java.util.Arrays.stream(choices.getEnumConstants()).map(PolicySetting::keyword).toList();
    }

    /** A constant of this choice, given as itself or as its keyword (any case, trimmed). */
    private Object checkedChoice(Object value) {
        for (Enum<?> constant : choices.getEnumConstants()) {
            if (constant == value || value instanceof String text && keyword(constant).equals(text.trim().toLowerCase(Locale.ROOT))) {
                return constant;
            }
        }
        throw new TwofoldException(ErrorCode.INVALID_VALUE, attribute + " must be one of " + String.join(", ", keywords()));
    }

    /** AAGUIDs as a list or comma-separated text: each a UUID, kept in lower case, sorted, each once. */
    private Object checkedAaguids(Object value) {
        java.util.List<String> items = value instanceof String text ? java.util.Arrays.asList(text.split(","))
                : value instanceof java.util.Collection<?> c ? c.stream().map(o -> o instanceof String t ? t : "?").toList() : null;
        if (items == null) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, attribute + " must be AAGUIDs, comma-separated");
        }
        java.util.TreeSet<String> aaguids = new java.util.TreeSet<>();
        for (String item : items) {
            String t = item.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            if (!t.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                throw new TwofoldException(ErrorCode.INVALID_VALUE, attribute + " must be AAGUIDs (such as cb69481e-8ff7-4039-93ec-0a2729a154a8), comma-separated");
            }
            aaguids.add(t);
        }
        return java.util.List.copyOf(aaguids);
    }

    private static Set<Factor> checkedFactors(Object value) {
        if (!(value instanceof Set<?> set) || set.isEmpty()) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, FACTORS_MESSAGE);
        }
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        // Iterated rather than contains(null): Set.of(...) throws on contains(null).
        for (Object f : set) {
            if (!(f instanceof Factor factor) || factor == Factor.AUTO) {
                throw new TwofoldException(ErrorCode.INVALID_VALUE, FACTORS_MESSAGE);
            }
            factors.add(factor);
        }
        return java.util.Collections.unmodifiableSet(factors);
    }
}
