package org.twofold.device;

import java.util.regex.Pattern;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

/**
 * A phone number a device is reached at, held in ITU-T E.164 form ({@code +} and at most 15 digits,
 * the country code never starting with 0). Numbers typed without {@code +} are read as North
 * American (NANP, country code 1), as the product's users type them. Users, pages, SOAP responses and
 * logs only ever see the masked form {@code XXX-XXX-1311}: {@link #toString()} returns it, so the
 * whole number cannot leak by accident; {@link #e164()} is for carriers only.
 */
public final class PhoneNumber {
    /** Separators people type inside numbers; removed before the digits are checked. */
    private static final Pattern SEPARATORS = Pattern.compile("[ .()\\-]");
    // ASCII digits only: Character.isDigit would let Arabic-Indic or full-width digits through.
    /** E.164: at most 15 digits, country code not starting with 0; 8 is the shortest we accept. */
    private static final Pattern INTERNATIONAL = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern NORTH_AMERICAN = Pattern.compile("[0-9]{10}");
    private static final Pattern NORTH_AMERICAN_WITH_ONE = Pattern.compile("1[0-9]{10}");
    /** Digits, {@code *}, {@code #} and {@code ,} (a dialling pause), at most 16. */
    private static final Pattern EXTENSION = Pattern.compile("[0-9*#,]{1,16}");

    private final String e164;

    private PhoneNumber(String e164) {
        this.e164 = e164;
    }

    /**
     * Reads a typed number. Spaces, {@code -}, {@code .}, {@code (} and {@code )} are ignored. With a
     * leading {@code +} the number is international: 8 to 15 digits, the first not 0. Without it, 10
     * digits are a North American number ({@code +1} is prefixed) and 11 digits starting with 1 are
     * one with its country code.
     *
     * @throws TwofoldException {@link ErrorCode#MISSING_FIELD} if {@code text} is null or blank,
     *     {@link ErrorCode#INVALID_VALUE} if it is not such a number
     */
    public static PhoneNumber parse(String text) {
        if (text == null || text.isBlank()) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "phone number is required");
        }
        String compact = SEPARATORS.matcher(text.trim()).replaceAll("");
        if (INTERNATIONAL.matcher(compact).matches()) {
            return new PhoneNumber(compact);
        }
        if (NORTH_AMERICAN.matcher(compact).matches()) {
            return new PhoneNumber("+1" + compact);
        }
        if (NORTH_AMERICAN_WITH_ONE.matcher(compact).matches()) {
            return new PhoneNumber("+" + compact);
        }
        throw new TwofoldException(ErrorCode.INVALID_VALUE, "phone number must be 10 digits (North America),"
                + " 11 digits starting with 1, or + followed by 8 to 15 digits (international, not starting with 0)");
    }

    /**
     * A landline's extension, trimmed: up to 16 digits, {@code *}, {@code #} and {@code ,} (each comma
     * a dialling pause), or null when there is none.
     *
     * @throws TwofoldException {@link ErrorCode#INVALID_VALUE} if {@code text} is not blank and not
     *     such an extension
     */
    public static String extension(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String extension = text.trim();
        if (!EXTENSION.matcher(extension).matches()) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE,
                    "extension may have up to 16 digits, * and #, and commas for dialling pauses");
        }
        return extension;
    }

    /** The full number in E.164 form, e.g. {@code +14105551311}; for carriers, never for display. */
    public String e164() {
        return e164;
    }

    /** The last four digits, e.g. {@code 1311}. */
    public String lastFour() {
        return e164.substring(e164.length() - 4);
    }

    /** The form users see, always {@code XXX-XXX-} and the last four digits, e.g. {@code XXX-XXX-1311}. */
    public String masked() {
        return masked(lastFour());
    }

    /** How a number is shown from its last four digits, {@code XXX-XXX-1311}: the one masking rule. */
    public static String masked(String lastFour) {
        return "XXX-XXX-" + lastFour;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhoneNumber that && e164.equals(that.e164);
    }

    @Override
    public int hashCode() {
        return e164.hashCode();
    }

    /** The {@link #masked()} form, so that a logged number never shows in full. */
    @Override
    public String toString() {
        return masked();
    }
}
