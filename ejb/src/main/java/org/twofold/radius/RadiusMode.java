package org.twofold.radius;

import java.util.Locale;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

/**
 * What a RADIUS client's {@code User-Password} carries. {@link #PASSWORD_MFA}: the primary password,
 * then the second factor — append mode, {@code password,push}, {@code password,123456} (Duo's
 * "append mode"); without a second password, the user's default factor (a push, else a call).
 * {@link #PASSWORD_CHALLENGE}: the same, but a password alone is answered with an Access-Challenge
 * (RFC 2865 §4.4): a numbered menu of the user's factors, whose answer (a number, a passcode, a
 * keyword) comes in a second Access-Request — for NAS that show challenges (most VPN clients).
 * {@link #MFA_ONLY}: the client checked the password itself (or another server did),
 * and {@code User-Password} is the second password alone ({@code push}, {@code phone2},
 * {@code sms}, or a passcode), as the seed's "second password" field.
 */
public enum RadiusMode {
    PASSWORD_MFA("password+mfa"),
    PASSWORD_CHALLENGE("password+challenge"),
    MFA_ONLY("mfa-only");

    private final String keyword;

    RadiusMode(String keyword) {
        this.keyword = keyword;
    }

    /** What administrators type: {@code password+mfa}, {@code password+challenge} or {@code mfa-only}. */
    public String keyword() {
        return keyword;
    }

    /**
     * The mode named {@code text} (ignoring case and surrounding white space).
     *
     * @throws TwofoldException {@code MISSING_FIELD} if blank, {@code INVALID_VALUE} if it names no mode
     */
    public static RadiusMode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "mode is required: password+mfa, password+challenge or mfa-only");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (RadiusMode m : values()) {
            if (m.keyword.equals(t)) {
                return m;
            }
        }
        throw new TwofoldException(ErrorCode.INVALID_VALUE, "mode must be password+mfa, password+challenge or mfa-only");
    }
}
