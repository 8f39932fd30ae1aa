package org.twofold.radius.door;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.twofold.ErrorCode;
import org.twofold.auth.AuthOutcome;
import org.twofold.auth.TxView;
import org.twofold.auth.Verdict;
import org.twofold.words.StatusMessages;

/**
 * The RADIUS boundary's words: the {@code Reply-Message} a VPN client shows its user with an
 * Access-Accept, Access-Reject or Access-Challenge — the seeds' English status messages, the same
 * texts legacy integrators get over SOAP ({@link StatusMessages}), and RADIUS's own challenge menu
 * and error lines. A VPN shows one line, so each text is one short sentence or two.
 */
final class RadiusWords {
    /** The most bytes one attribute's value holds (RFC 2865 §5). */
    static final int MAX_ATTRIBUTE = 253;
    static final String SMS_SENT = StatusMessages.SMS_SENT;
    static final String DENIED = StatusMessages.DENIED;
    /** A push or call not answered within the NAS's wait ({@code RadiusWaitSeconds}), as the seed words a push that timed out. */
    static final String TIMED_OUT = StatusMessages.TIMED_OUT;

    private RadiusWords() {
    }

    /** The Reply-Message for what the facade answered. */
    static String message(AuthOutcome o) {
        if (o.tx() != null) {
            return message(o.tx());
        }
        return message(o.reason());
    }

    static String message(Verdict.Reason reason) {
        return StatusMessages.of(reason);
    }

    /** A push, call or text as it ended: a text sent says only that (the codes then log in). */
    static String message(TxView v) {
        return StatusMessages.ended(v);
    }

    /** A verified push's challenge: the number the user types in the app (as SOAP's {@code pushed} status message). */
    static String pushed(TxView v) {
        return "Pushed a login request to your device... Enter " + v.verifyNumber() + " in the app.";
    }

    /** The Reply-Message for a request the facade refused as an error. */
    static String message(ErrorCode code) {
        return switch (code) {
            case TOO_MANY_REQUESTS -> "Too many failed attempts. Try again later or contact the help desk.";
            case USER_LOCKED_OUT -> message(Verdict.Reason.LOCKED_OUT);
            case FACTOR_NOT_ALLOWED -> message(Verdict.Reason.FACTOR_NOT_ALLOWED);
            case NO_CAPABLE_DEVICE, DEVICE_NOT_FOUND -> message(Verdict.Reason.NO_CAPABLE_DEVICE);
            case DELIVERY_FAILED -> "The message or call could not be delivered; try another method.";
            default -> DENIED;
        };
    }

    /**
     * The challenge's menu: {@code Choose: 1. Push to iPhone (XXX-XXX-0105) 2. Call iPhone
     * (XXX-XXX-0105) 3. SMS passcodes to iPhone (XXX-XXX-0105), or enter a passcode}, as one line.
     */
    static List<String> menu(List<String> options, boolean passcode) {
        if (options.isEmpty()) {
            return List.of("Enter a passcode");
        }
        StringBuilder line = new StringBuilder("Choose:");
        for (int i = 0; i < options.size(); i++) {
            line.append(' ').append(i + 1).append(". ").append(options.get(i));
        }
        return List.of(line + (passcode ? ", or enter a passcode" : ""));
    }

    /**
     * The lines as Reply-Messages fit them: a RADIUS attribute holds at most 253 bytes, so a longer
     * line is cut before a menu number ({@code  2. }) or, failing that, at a character.
     */
    static List<String> fitted(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String rest = line;
            while (rest.getBytes(StandardCharsets.UTF_8).length > MAX_ATTRIBUTE) {
                int cut = rest.length();
                while (rest.substring(0, cut).getBytes(StandardCharsets.UTF_8).length > MAX_ATTRIBUTE) {
                    cut--;
                }
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(" [0-9]+\\. ").matcher(rest.substring(0, cut));
                int at = -1;
                while (m.find()) {
                    at = m.start();
                }
                int end = at > 0 ? at : cut;
                out.add(rest.substring(0, end));
                rest = rest.substring(end).stripLeading();
            }
            out.add(rest);
        }
        return out;
    }
}
