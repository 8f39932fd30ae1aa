package org.twofold.ws.duo;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.twofold.auth.PreauthAnswer;
import org.twofold.auth.Verdict;

/**
 * The words of Duo's legacy REST v1 as duo_unix 1.x (Debian 12's {@code pam_duo} and
 * {@code login_duo}) reads them: the menu {@code preauth} answers for a user who must prove a
 * second factor — a {@code prompt} the client shows as it is, and {@code factors}, which maps each
 * option's number to what the client sends back as {@code auto} ({@code push1}, {@code phone2},
 * {@code sms1}: the second-password keywords, a factor and the 1-based index among the user's
 * devices that can do it) and names the {@code default} that {@code autopush} sends — and the
 * {@code txid} of an answer given at once. Texts are Duo's own prompt's.
 */
final class DuoUnixWords {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ANSWERED = "answered-";

    private DuoUnixWords() {
    }

    /**
     * What {@code preauth} offers: the prompt text and the factors by option number, then {@code
     * default} (the first push, else the first phone call; absent when the user has neither).
     */
    record Menu(String prompt, Map<String, String> factors) {
    }

    /** The menu for {@code username}'s devices as preauth lists them, in their order. */
    static Menu menu(String username, List<PreauthAnswer.Device> devices) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        Map<String, String> factors = new LinkedHashMap<>();
        String push = null;
        String phone = null;
        for (PreauthAnswer.Device d : devices) {
            String label = d.maskedNumber() != null ? d.maskedNumber() : d.displayName() == null ? "your device" : d.displayName();
            for (String capability : List.of("push", "phone", "sms")) {
                if (!d.capabilities().contains(capability)) {
                    continue;
                }
                String factor = capability + counts.merge(capability, 1, Integer::sum);
                factors.put(Integer.toString(factors.size() + 1), factor);
                lines.add(" " + factors.size() + ". " + switch (capability) {
                    case "push" -> "Duo Push to ";
                    case "phone" -> "Phone call to ";
                    default -> "SMS passcodes to ";
                } + label);
                if ("push".equals(capability) && push == null) {
                    push = factor;
                } else if ("phone".equals(capability) && phone == null) {
                    phone = factor;
                }
            }
        }
        String prompt = "Duo two-factor login for " + username + "\n\n" + (lines.isEmpty() ? "Enter a passcode: "
                : "Enter a passcode or select one of the following options:\n\n" + String.join("\n", lines) + "\n\nPasscode or option (1-"
                + lines.size() + "): ");
        if (push != null || phone != null) {
            factors.put("default", push != null ? push : phone);
        }
        return new Menu(prompt, factors);
    }

    /**
     * The {@code txid} of an answer given at once (a passcode checked; a user locked out), for a
     * client that asked {@code async} and will ask {@code status} for it: the verdict itself, which
     * {@link #answered} reads back. It carries nothing the caller was not told, and only the
     * caller's own signed request can ask for it, so it needs no server-side state (any node of a
     * cluster answers it).
     */
    static String answeredTxid(Verdict verdict) {
        byte[] nonce = new byte[8];
        RANDOM.nextBytes(nonce);
        return ANSWERED + (verdict.allowed() ? "allow" : "deny") + "-" + verdict.reason().name().toLowerCase(Locale.ROOT) + "-"
                + HexFormat.of().formatHex(nonce);
    }

    /** The verdict an {@link #answeredTxid} names; empty for any other txid. */
    static Optional<Verdict> answered(String txid) {
        if (txid == null || !txid.startsWith(ANSWERED)) {
            return Optional.empty();
        }
        String[] parts = txid.substring(ANSWERED.length()).split("-");
        if (parts.length != 3 || !parts[0].matches("allow|deny")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Verdict("allow".equals(parts[0]), Verdict.Reason.valueOf(parts[1].toUpperCase(Locale.ROOT)), null));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
