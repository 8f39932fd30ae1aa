package org.twofold.passcode;

/**
 * The kinds of single-use code Twofold issues, in the order the passcode field checks them after
 * the device codes: SMS passcodes, self-service bypass codes, help-desk temporary passcodes.
 */
public enum CodeKind {
    /** 7 digits, texted in batches; each used once. */
    SMS(7),
    /** 9 digits, made by the user after proving identity; used once, valid minutes. */
    BYPASS(9),
    /** 9 digits, issued by the help desk; valid hours, a chosen number of uses. */
    TEMPORARY(9);

    private final int digits;

    CodeKind(int digits) {
        this.digits = digits;
    }

    public int digits() {
        return digits;
    }

    /** The purpose bound into the code's keyed hash. */
    public String purpose() {
        return "code-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
