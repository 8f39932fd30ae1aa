package org.twofold.auth;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twofold.policy.Factor;

/**
 * What a user asked for in the legacy "second password" field, the one-call form used by
 * integrations (VPN concentrators, RADIUS front ends) that can only pass a second password. Twofold
 * follows Duo's convention so such integrations work unchanged: the keyword {@code push},
 * {@code phone} or {@code sms}, in any case, optionally followed by a device index 1–9 ({@code push2}
 * pushes to the user's second capable device, {@code phone} calls the first), asks for that factor;
 * anything else is taken as a passcode.
 *
 * @param factor {@link Factor#PUSH}, {@link Factor#PHONE}, {@link Factor#SMS} or {@link
 *     Factor#PASSCODE}
 * @param deviceIndex the 1-based device index for push, phone and SMS; 0 for a passcode
 * @param passcode the trimmed passcode for {@link Factor#PASSCODE}, null otherwise
 */
public record FactorRequest(Factor factor, int deviceIndex, String passcode) {
    // No UNICODE_CASE: only ASCII letters fold, so "puſh" (long s) stays a passcode.
    private static final Pattern KEYWORD = Pattern.compile("(push|phone|sms)([1-9])?", Pattern.CASE_INSENSITIVE);

    public FactorRequest {
        Objects.requireNonNull(factor, "factor");
    }

    /**
     * Reads the second-password field: {@code push}, {@code phone} or {@code sms} with an optional
     * device index 1–9 (default 1), ignoring case and surrounding white space; anything else,
     * including {@code push0}, {@code push10} and an empty field, is a passcode (the trimmed text,
     * {@code ""} for null). Never throws: a wrong passcode is a verdict, not an error.
     */
    public static FactorRequest parseSecondPassword(String text) {
        String typed = text == null ? "" : text.trim();
        Matcher m = KEYWORD.matcher(typed);
        if (!m.matches()) {
            return new FactorRequest(Factor.PASSCODE, 0, typed);
        }
        Factor factor = Factor.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        int index = m.group(2) == null ? 1 : m.group(2).charAt(0) - '0';
        return new FactorRequest(factor, index, null);
    }
}
