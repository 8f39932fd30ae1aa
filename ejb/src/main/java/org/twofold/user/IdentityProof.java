package org.twofold.user;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

/**
 * The identity proof that lets a user make a self-service bypass code without a phone (seed page
 * "No Duo Mobile"): date of birth plus either the last four digits of the SSN or a PIN. All three
 * are stored only as slow salted hashes; which second element is accepted is policy (PIN preferred).
 */
public final class IdentityProof {

    /** The element that accompanies the date of birth. */
    public enum Kind {
        PIN, SSN_LAST4
    }

    private IdentityProof() {
    }

    /**
     * A date of birth as people type it on a form: {@code YYYY-MM-DD}, blanks around it ignored.
     * Text that is no such date, blank included, is {@link ErrorCode#INVALID_DATE}.
     */
    public static LocalDate dateOfBirth(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw new TwofoldException(ErrorCode.INVALID_DATE, "a date of birth is written YYYY-MM-DD");
        }
    }

    /** The canonical text hashed for a date of birth (ISO-8601). */
    static String dob(LocalDate date) {
        if (date == null) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "date of birth is required");
        }
        return date.toString();
    }

    /** A PIN: 4 to 8 digits. */
    static String pin(String pin) {
        if (pin == null || !pin.trim().matches("[0-9]{4,8}")) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "a PIN has 4 to 8 digits");
        }
        return pin.trim();
    }

    /** The last four digits of a US Social Security number. */
    static String ssnLast4(String ssn) {
        if (ssn == null || !ssn.trim().matches("[0-9]{4}")) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "the SSN part is its last 4 digits");
        }
        return ssn.trim();
    }
}
