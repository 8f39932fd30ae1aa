package org.twofold;

/**
 * The one rule for a name that people give to things and that operators read back — a device, an
 * integration, a RADIUS or OpenID Connect client, a department: 1 to 100 characters once trimmed,
 * any script or emoji, but no control characters (NUL, escape, line breaks) and no bidirectional
 * overrides, which would garble the portal, the audit trail and an operator's console or make one
 * name look like another; nor half of an emoji (an unpaired surrogate), which no page or SOAP
 * answer could carry. The columns that hold such names are {@value #MAX} characters wide, so a
 * longer name is a clear {@code INVALID_VALUE}, never a database error.
 */
public final class DisplayName {
    /** The longest name, in UTF-16 characters (the columns' width). */
    public static final int MAX = 100;

    private DisplayName() {
    }

    /**
     * {@code name} trimmed and checked.
     *
     * @param what what is named, for the message ("device", "RADIUS client"): "a name is required for the device"
     * @throws TwofoldException {@code MISSING_FIELD} for a blank name, {@code INVALID_VALUE} for a
     *     long one or one with control characters
     */
    public static String checked(String name, String what) {
        String n = name == null ? "" : name.trim();
        if (n.isBlank()) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "a name is required for the " + what);
        }
        if (n.length() > MAX) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "the " + what + "'s name has at most " + MAX + " characters");
        }
        if (n.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.SURROGATE
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "the " + what + "'s name cannot contain control characters");
        }
        return n;
    }

    /** {@code name} cut to at most {@value #MAX} UTF-16 characters, never between the two halves of an emoji. */
    public static String shortened(String name) {
        if (name.length() <= MAX) {
            return name;
        }
        return name.substring(0, Character.isHighSurrogate(name.charAt(MAX - 1)) ? MAX - 1 : MAX);
    }
}
