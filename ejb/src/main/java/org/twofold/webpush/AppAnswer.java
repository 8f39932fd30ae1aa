package org.twofold.webpush;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Locale;

/**
 * What the approval app signs with its device key (ECDSA P-256, SHA-256; WebCrypto's signature
 * form, {@code r ‖ s}, or DER) and how Twofold checks it. The key pair is made on the phone and
 * cannot be exported from it: a signature proves the answer came from the enrolled device, so a
 * stolen session, a guessed txid or another device cannot answer. Each signed text names what it
 * is for, so that a signature made for one purpose means nothing for another:
 * <ul>
 * <li>an answer: {@code twofold-push-answer\n<txid>\n<approve|deny|fraud>\n<typed number or empty>};</li>
 * <li>the list of waiting requests: {@code twofold-push-list\n<device id>\n<epoch second>} (fresh within {@link #LIST_SKEW_SECONDS});</li>
 * <li>a renewed push subscription: {@code twofold-push-renew\n<device id>\n<epoch second>\n<endpoint>\n<p256dh>\n<auth>} (as fresh).</li>
 * </ul>
 * Plain Java.
 */
public final class AppAnswer {
    /** How far the phone's clock may be from the server's when it asks for its waiting requests. */
    public static final long LIST_SKEW_SECONDS = 300;

    /** The app's three answers. */
    public enum Decision {
        APPROVE, DENY, FRAUD;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for anything but {@code approve}, {@code deny}, {@code fraud} */
        public static Decision parse(String keyword) {
            for (Decision d : values()) {
                if (d.keyword().equals(keyword)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("decision is approve, deny or fraud");
        }
    }

    private AppAnswer() {
    }

    public static String answerText(String txid, Decision decision, String typedNumber) {
        return "twofold-push-answer\n" + txid + "\n" + decision.keyword() + "\n" + (typedNumber == null ? "" : typedNumber.trim());
    }

    public static String listText(long deviceId, long epochSecond) {
        return "twofold-push-list\n" + deviceId + "\n" + epochSecond;
    }

    public static String renewText(long deviceId, long epochSecond, String endpoint, String p256dh, String auth) {
        return "twofold-push-renew\n" + deviceId + "\n" + epochSecond + "\n" + endpoint + "\n" + p256dh + "\n" + auth;
    }

    /** Whether {@code signature} (64 bytes {@code r ‖ s}, or DER) is {@code key}'s over {@code text}; false for anything malformed. */
    public static boolean verifies(ECPublicKey key, String text, byte[] signature) {
        if (key == null || text == null || signature == null || signature.length == 0) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(signature.length == 64 ? "SHA256withECDSAinP1363Format" : "SHA256withECDSA");
            s.initVerify(key);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
