package org.twofold.passcode;

import java.util.List;

/**
 * A fresh batch of SMS passcodes for delivery (the only moment the codes exist in clear), and the
 * hint the prompt shows: "Next SMS passcode starts with 1."
 */
public record SmsBatch(List<String> codes) {

    public SmsBatch {
        codes = List.copyOf(codes);
    }

    /** The first digit of the code to use next. */
    public char nextHint() {
        return codes.get(0).charAt(0);
    }
}
