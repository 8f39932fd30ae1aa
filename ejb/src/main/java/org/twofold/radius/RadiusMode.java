package org.twofold.radius;

import java.util.Locale;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

/**
 * What a RADIUS client's {@code User-Password} carries. {@link #PASSWORD_MFA}: the primary password,
 * then the second factor — append mode, {@code password,push}, {@code password,123456} (Duo's
 * "append mode"). {@link #MFA_ONLY}: the client checked the password itself (or another server did),
 * and {@code User-Password} is the second password alone ({@code push}, {@code phone2},
 * {@code sms}, or a passcode), as the seed's "second password" field.
 */
public enum RadiusMode {
    PASSWORD_MFA("password+mfa"),
    MFA_ONLY("mfa-only");

    private final String keyword;

    RadiusMode(String keyword) {
        this.keyword = keyword;
    }

    /** What administrators type: {@code password+mfa} or {@code mfa-only}. */
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
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "mode is required: password+mfa or mfa-only");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (RadiusMode m : values()) {
            if (m.keyword.equals(t)) {
                return m;
            }
        }
        throw new TwofoldException(ErrorCode.INVALID_VALUE, "mode must be password+mfa or mfa-only");
    }
}
