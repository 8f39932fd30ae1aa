package org.twofold.policy;

import java.util.Locale;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.AuditAction;

/**
 * The second factors a user can authenticate with, named by the keywords of the SOAP {@code auth}
 * operation's {@code factor} field ({@code auto}, {@code push}, {@code phone}, {@code sms},
 * {@code passcode}) and of the {@code AllowedFactors} policy attribute. {@link #AUTO} lets Twofold
 * choose the best factor of the user's devices; it is a request, never a policy choice.
 */
public enum Factor {
    AUTO,
    PUSH,
    PHONE,
    SMS,
    PASSCODE;

    /** The lower-case keyword integrators and administrators type, e.g. {@code push}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The audit action of a second-factor decision with this factor: {@code auth.push}, ... */
    public AuditAction auditAction() {
        return AuditAction.auth(keyword());
    }

    /**
     * The factor whose keyword is {@code text}, ignoring case and surrounding white space.
     *
     * @throws TwofoldException {@link ErrorCode#MISSING_FIELD} if {@code text} is null or blank,
     *     {@link ErrorCode#INVALID_VALUE} if it names no factor
     */
    public static Factor parse(String text) {
        if (text == null || text.isBlank()) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "factor is required");
        }
        // Lower-casing then comparing exactly: equalsIgnoreCase would also accept e.g. "puſh" (long s).
        String keyword = text.trim().toLowerCase(Locale.ROOT);
        for (Factor factor : values()) {
            if (factor.keyword().equals(keyword)) {
                return factor;
            }
        }
        throw new TwofoldException(ErrorCode.INVALID_VALUE, "factor must be one of auto, push, phone, sms, passcode");
    }
}
